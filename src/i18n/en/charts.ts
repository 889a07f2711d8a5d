// English source strings of the 'charts' namespace: titles, axes, series, keys and notes of the
// charts (src/ui/charts/**), also written into their PNGs. Keys are flat; see src/i18n/i18n.ts.
// Cause names come from the answer namespace (CAUSE_LABELS), headline outputs from app:series.*.
export const charts = {
  savePng: 'Save {{title}} as PNG',
  saveSvg: 'Save {{title}} as SVG',
  waiting: 'Waiting for the first run…',
  'series.year': 'Year',
  'series.region': 'Region',

  'cause.title': 'What breaks first: planned IT load not delivered, by cause',
  'cause.titleUnit': 'What breaks first: planned IT load not delivered, by cause ({{unit}})',
  'cause.totalP95': 'Total P95',
  'cause.totalP5': 'Total P5',
  'cause.totalP50': 'Total P50',
  'cause.asWritten': 'As written (mean)',
  'cause.note':
    "Stacked: mean MW not delivered by cause (they add up to the mean total). Grey band between dotted lines: the total's P5–P95 over the draws; black line: its median.",
  'cause.keyAsWritten': 'the scenario as written (mean total)',

  'regionCause.title': 'Where it breaks in {{year}}: IT load not delivered by region and cause',
  'regionCause.titleUnit': 'Where it breaks in {{year}}: IT load not delivered by region and cause ({{unit}}, mean)',
  'regionCause.cumulative': '{{cause}} (cumulative)',

  'output.title': '{{label}}: {{what}}',
  'output.titleUnit': '{{label}} ({{unit}}): {{what}}',
  'histogram.what': 'distribution',
  'histogram.axis': 'share of draws',
  'histogram.note': 'Dashed line: mean {{mean}} ± {{se}} {{unit}} (Monte Carlo s.e.).',
  'histogram.noteOutside':
    'Dashed line: mean {{mean}} ± {{se}} {{unit}} (Monte Carlo s.e.). {{outside}} of draws fall outside the binned range.',
  'exceedance.what': 'chance of exceeding',
  'exceedance.axis': 'P(value > x)',
  'exceedance.note': 'Read across from a probability to the value exceeded with that chance (P50 at 50%).',

  'fan.title': 'Energy demanded vs served by year',
  'fan.titleUnit': 'Energy demanded vs served by year ({{unit}})',
  'fan.demandedP95': 'Demanded P95',
  'fan.demandedP5': 'Demanded P5',
  'fan.demandedP50': 'Demanded P50',
  'fan.demandedMean': 'Demanded mean',
  'fan.servedP95': 'Served P95',
  'fan.servedP5': 'Served P5',
  'fan.servedP50': 'Served P50',
  'fan.servedMean': 'Served mean',
  'fan.keyDemanded': 'demanded',
  'fan.keyServed': 'served',
  'fan.note': 'Band: P5–P95 over the draws; solid: median; dashed: mean.',

  'regionBars.title': 'Grid regions in {{year}}: curtailment risk and stress',
  'regionBars.titleSubset': 'Grid regions in {{year}}: curtailment risk and stress ({{subset}})',
  'regionBars.pCurtail': 'P(curtailment)',
  'regionBars.stressAxis': 'grid stress P50',
  'regionBars.stressSeries': 'Grid stress P50',
  'regionBars.keyCurtail': 'P(curtailment) in {{year}}',
  'regionBars.keyStress': 'grid stress P50 (right axis)',
  'regionBars.note': 'Stress > 1: datacenter demand above grid headroom in its peak year. Regions with sites, riskiest first.',

  'siteLoad.title': '{{name}}: IT load by year (MW)',
  'siteLoad.site': 'Site',
  'siteLoad.planned': 'Planned',
  'siteLoad.expected': 'Expected delivered',
  'siteLoad.pMiss': 'P(miss)',
} as const;
