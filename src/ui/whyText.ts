// Why a site misses its plan and where the missing megawatts are, in words: from the kernels'
// binding-cause counts and region-year MW by cause (src/engine/whereBreaks.ts). Pure functions,
// tested in test/unit/whyText.test.ts.
import type { RegionShortfall, SiteWhy } from '../engine/whereBreaks';
import { t } from '../i18n/i18n';
import { CAUSE_IN_SENTENCE, formatMoney, formatPower, formatShare, keepTogether, listOf } from './answerText';

/** Causes named in a sentence; the rest are "other causes". */
const NAMED = 3;

/** "In 2030 it misses its plan in 42 % of draws. Then the grid-connection queue binds in 71 % of them, …" */
export function siteWhyText(why: SiteWhy, year: number): string {
  if (why.missProbability <= 0) return t('answer:site.never', { year });
  const named: string[] = why.causes
    .slice(0, NAMED)
    .map((c, i) =>
      t(i === 0 ? 'answer:site.first' : 'answer:site.next', { cause: CAUSE_IN_SENTENCE[c.cause], share: formatShare(c.shareOfMisses) }),
    );
  const rest = why.causes.slice(NAMED).reduce((a, c) => a + c.shareOfMisses, 0);
  if (rest > 0) named.push(t('answer:site.other', { share: formatShare(rest) }));
  return keepTogether(t('answer:site.text', { year, p: formatShare(why.missProbability), list: listOf(named) }));
}

/** "Most of the 2030 shortfall is in Northern Virginia: 1.2 GW of 3.4 GW planned, mainly the grid-connection queue; then …" */
export function regionWhyText(regions: readonly RegionShortfall[], year: number, names: ReadonlyMap<string, string>): string {
  const short = regions.filter((r) => r.meanMW > 0);
  if (short.length === 0) return t('answer:region.none', { year });
  const total = short.reduce((a, r) => a + r.meanMW, 0);
  const part = (r: RegionShortfall) => {
    const main = r.causes[0];
    // The optional clauses close the parenthesis in both languages, so they are appended pieces.
    const cause = main && main.meanMW > 0 ? t('answer:region.cause', { cause: CAUSE_IN_SENTENCE[main.cause] }) : '';
    const q = r.quantilesMW;
    const range = q ? t('answer:region.range', { lo: formatPower(q.p5), hi: formatPower(q.p95) }) : '';
    return t('answer:region.part', {
      region: names.get(r.region) ?? r.region,
      mean: formatPower(r.meanMW),
      range,
      planned: formatPower(r.plannedMW),
      cause,
    });
  };
  const [first, ...others] = short;
  if (!first) return '';
  const then = others.length ? t('answer:region.then', { others: others.slice(0, 2).map(part).join(t('answer:list.separator')) }) : '';
  return keepTogether(
    t('answer:region.text', {
      year,
      share: formatShare(first.meanMW / total),
      first: part(first),
      next: then,
      money: formatMoney(first.facilityCapexUSD),
    }),
  );
}
