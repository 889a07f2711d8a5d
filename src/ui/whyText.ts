// Why a site misses its plan and where the missing megawatts are, in words: from the kernels'
// binding-cause counts and region-year MW by cause (src/engine/whereBreaks.ts). Pure functions,
// tested in test/unit/whyText.test.ts.
import type { RegionShortfall, SiteWhy } from '../engine/whereBreaks';
import { CAUSE_IN_SENTENCE, formatMoney, formatPower, formatShare, keepTogether } from './answerText';

/** Causes named in a sentence; the rest are "other causes". */
const NAMED = 3;

/** "In 2030 it misses its plan in 42 % of draws. Then the grid-connection queue binds in 71 % of them, …" */
export function siteWhyText(why: SiteWhy, year: number): string {
  if (why.missProbability <= 0) return `In ${year} it meets its plan (within the miss tolerance) in every draw.`;
  const named = why.causes
    .slice(0, NAMED)
    .map((c, i) => `${CAUSE_IN_SENTENCE[c.cause]}${i === 0 ? ' binds' : ''} in ${formatShare(c.shareOfMisses)}`);
  const rest = why.causes.slice(NAMED).reduce((a, c) => a + c.shareOfMisses, 0);
  if (rest > 0) named.push(`other causes in ${formatShare(rest)}`);
  const list = named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)}` : named[0];
  return keepTogether(`In ${year} it misses its plan in ${formatShare(why.missProbability)} of draws. When it does, ${list} of them.`);
}

/** "Most of the 2030 shortfall is in Northern Virginia: 1.2 GW of 3.4 GW planned, mainly the grid-connection queue; then …" */
export function regionWhyText(regions: readonly RegionShortfall[], year: number, names: ReadonlyMap<string, string>): string {
  const short = regions.filter((r) => r.meanMW > 0);
  if (short.length === 0) return `In ${year} every region delivers its plan in every draw.`;
  const total = short.reduce((a, r) => a + r.meanMW, 0);
  const part = (r: RegionShortfall) => {
    const main = r.causes[0];
    const cause = main && main.meanMW > 0 ? `, mainly ${CAUSE_IN_SENTENCE[main.cause]}` : '';
    const q = r.quantilesMW;
    const range = q ? `, P5–P95 ${formatPower(q.p5)}–${formatPower(q.p95)}` : '';
    return `${names.get(r.region) ?? r.region} (mean ${formatPower(r.meanMW)}${range} of ${formatPower(r.plannedMW)} planned${cause})`;
  };
  const [first, ...others] = short;
  if (!first) return '';
  const then = others.length ? `; then ${others.slice(0, 2).map(part).join(', ')}` : '';
  return keepTogether(
    `In ${year} ${formatShare(first.meanMW / total)} of the mean shortfall is in ${part(first)}${then}. Capital behind it there: ${formatMoney(first.facilityCapexUSD)}.`,
  );
}
