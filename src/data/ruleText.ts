// A validation rule's words ("must be ≥ 0", "must be one of planned, proposed") in the page's
// language. The rules are worded in English where they are defined (src/scenario, below i18n,
// shared with the CLI); the shapes listed here are rebuilt from their parts, numbers, ids and
// lists kept as they are. Anything else is shown as the rule said it.
import { t } from '../i18n/i18n';

type Rebuild = (m: RegExpExecArray) => string;

/** First match wins: the more specific shapes come before the general ones. */
const RULES: readonly [RegExp, Rebuild][] = [
  [/^must be a finite number$/, () => t('imports:rule.finite')],
  [/^must be a whole year$/, () => t('imports:rule.wholeYear')],
  [/^must be a year within \[(.+), (.+)\]$/, (m) => t('imports:rule.yearWithin', { lo: m[1], hi: m[2] })],
  [/^must be within \[(.+), (.+)\] degrees$/, (m) => t('imports:rule.degreesWithin', { lo: m[1], hi: m[2] })],
  [/^must be within \[(.+), (.+)\]$/, (m) => t('imports:rule.within', { lo: m[1], hi: m[2] })],
  [/^must lie within \[min, max\]$/, () => t('imports:rule.withinMinMax')],
  [/^must be bounded within \[(.+?), (.+?)\]: (.+)$/, (m) => t('imports:rule.bounded', { lo: m[1], hi: m[2], detail: m[3] })],
  [/^must be set, (.+)$/, (m) => t('imports:rule.set', { detail: m[1] })],
  // The IT-load ceiling (schema.ts itLoadMessage): its two limits, the reasons said in words here.
  [
    /^must be ≤ ([\d,.]+ MW) \(per site;[^)]*\), or ([\d,.]+ MW) for an entry marked "aggregate": true/,
    (m) => t('imports:rule.itLoad', { site: m[1], aggregate: m[2] }),
  ],
  [/^must be > (.+)$/, (m) => t('imports:rule.above', { x: m[1] })],
  [/^must be ≥ (.+)$/, (m) => t('imports:rule.atLeast', { x: m[1] })],
  [/^must be ≤ (.+)$/, (m) => t('imports:rule.atMost', { x: m[1] })],
  [/^must be one of (.+)$/, (m) => t('imports:rule.oneOf', { list: m[1] })],
  [/^must be a number or a distribution (.+)$/, (m) => t('imports:rule.numberOrDist', { spec: m[1] })],
  [/^must be letters, digits, _ \. or -$/, () => t('imports:rule.idChars')],
  [/^must satisfy min ≤ mode ≤ max and min < max$/, () => t('imports:rule.minModeMax')],
  [/^must not be empty$/, () => t('imports:rule.notEmpty')],
  [/^must name a region id$/, () => t('imports:rule.regionId')],
  [/^must name two different inputs$/, () => t('imports:rule.twoInputs')],
  [/^must list at least one region$/, () => t('imports:rule.oneRegion')],
  [/^must list at least one site$/, () => t('imports:rule.oneSite')],
  [/^must be an (\S+)$/, (m) => t('imports:rule.typeAn', { type: m[1] })],
  [/^must be a (\S+)$/, (m) => t('imports:rule.typeA', { type: m[1] })],
];

/** The validator's " (got 'soon')" after a rule: the value as found, kept as it is. */
const GOT = /^(.*) \(got (.*)\)$/s;

/** The rule in the page's language when its shape is known; otherwise as given. */
export function ruleText(message: string): string {
  const got = GOT.exec(message);
  if (got) return t('imports:site.value', { message: rule(got[1] ?? ''), got: got[2] });
  return rule(message);
}

function rule(message: string): string {
  for (const [re, rebuild] of RULES) {
    const m = re.exec(message);
    if (m) return rebuild(m);
  }
  return message;
}
