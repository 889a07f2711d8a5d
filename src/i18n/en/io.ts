// English source strings of the 'io' namespace: what the export, copy-link and embed actions
// report (src/ui/io/actions.ts). Keys are flat; see src/i18n/i18n.ts.
export const io = {
  saved: 'Saved {{name}}.',
  noScenario: 'no scenario is loaded',
  noResult: 'there is no result to export yet',
  'copied.link': 'Link copied to the clipboard.',
  'copied.embed': 'Embed code copied to the clipboard.',
  'copyThis.link': 'Copy this link: {{text}}',
  'copyThis.embed': 'Copy this embed code: {{text}}',
} as const;
