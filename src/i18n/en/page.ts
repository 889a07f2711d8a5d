// English source strings of the 'page' namespace: the page layout (hr-app), presentation mode and embeds. Keys are flat; see src/i18n/i18n.ts.
export const page = {} as const;
