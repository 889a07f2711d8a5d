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
  'stored.shown': 'Stored result from {{time}}, shown without running the model again; any change runs it.',
  'stored.none': 'No stored result of this view in this browser yet: the model runs as usual, and next time the result shows at once.',
  'caption.scenarioYear': '{{scenario}}, {{year}}',
  'caption.knobsChanged': 'Knobs changed from the scenario:',
  'caption.knob': '{{label}} = {{value}} {{unit}} (scenario: {{base}})',
  'caption.sources': 'Sources: {{list}}',
  'caption.noSources': 'Sources: none given in the scenario',
  'caption.more': '+{{count}} more',
  'caption.mapTitle': 'Where planned AI datacenters miss their load',
} as const;
