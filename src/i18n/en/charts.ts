// English source strings of the 'charts' namespace (keys are flat; see src/i18n/i18n.ts).
export const charts = {} as const;
