// English source strings of the 'io' namespace (keys are flat; see src/i18n/i18n.ts).
export const io = {} as const;
