// English source strings of the 'imports' namespace (keys are flat; see src/i18n/i18n.ts).
export const imports = {} as const;
