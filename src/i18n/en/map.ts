// English source strings of the 'map' namespace (keys are flat; see src/i18n/i18n.ts).
export const map = {} as const;
