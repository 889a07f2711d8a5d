// English source strings of the 'ensemble' namespace (keys are flat; see src/i18n/i18n.ts).
export const ensemble = {} as const;
