// English source strings of the 'answer' namespace (keys are flat; see src/i18n/i18n.ts).
export const answer = {} as const;
