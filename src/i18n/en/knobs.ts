// English source strings of the 'knobs' namespace (keys are flat; see src/i18n/i18n.ts).
export const knobs = {} as const;
