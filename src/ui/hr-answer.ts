// The answer card at the top of the results: for the selected scenario and year, how much of the
// planned IT load is not delivered, why, what capital stands behind it and how likely a large
// loss is, with the comparison to the scenario as written when the knobs differ, the scenario's
// description and its sources. The words come from answerText.ts; this only lays them out.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { numberFormat, t } from '../i18n/i18n';
import type { Scenario } from '../scenario/schema';
import { keepTogether, type PageAnswer } from './answerText';
import { LocaleController } from './i18n/LocaleController';
import { withParts } from './i18n/withParts';
import { safeHref } from './safeHref';
import { scenarioDescription, scenarioName } from './scenarioText';

interface SourceRef {
  title: string;
  url?: string;
  date?: string;
}

interface SourceGroup {
  /** Which sources: named in the page's language when shown (answer:sources.*). */
  kind: 'scenario' | 'economics' | 'sites';
  items: SourceRef[];
}

/** The scenario's own sources, its money figures' and its sites', each listed once. */
export function sourceGroups(s: Scenario): SourceGroup[] {
  const seen = new Set<string>();
  const pick = (list: readonly (SourceRef | undefined)[]): SourceRef[] =>
    list.filter((x): x is SourceRef => {
      if (!x) return false;
      const key = x.url ?? x.title;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const groups: SourceGroup[] = [
    { kind: 'scenario', items: pick(s.sources ?? []) },
    { kind: 'economics', items: pick(s.economics.sources ?? []) },
    { kind: 'sites', items: pick(s.sites.flatMap((x) => x.sources ?? [])) },
  ];
  return groups.filter((g) => g.items.length > 0);
}

/** The method note, with the two file names set as code wherever the language puts them. */
const methodParagraph = () =>
  withParts((v) => t('answer:card.method', v), { model: html`<code>docs/model.md</code>`, data: html`<code>docs/data.md</code>` });

export class HrAnswer extends LitElement {
  static override properties = {
    answer: { attribute: false },
    scenario: { attribute: false },
    year: { type: Number },
    failed: { type: Boolean },
    present: { type: Boolean, reflect: true },
  };

  /** undefined: no result for this scenario and year yet. */
  declare answer: PageAnswer | undefined;
  /** The scenario the card describes (description and sources). */
  declare scenario: Scenario | undefined;
  declare year: number | undefined;
  /** The run failed before any result: no "calculating…" then. */
  declare failed: boolean;
  declare present: boolean;
  #sources: SourceGroup[] = [];

  constructor() {
    super();
    this.answer = undefined;
    this.scenario = undefined;
    this.year = undefined;
    this.failed = false;
    this.present = false;
    new LocaleController(this);
  }

  static override styles = css`
    :host { display: block; min-width: 0; }
    .card > * { min-width: 0; }
    .card { background: #fff; border: 1px solid #c3ccd6; border-left: 4px solid #0072b2; border-radius: 6px; padding: 0.5rem 0.8rem 0.45rem; display: grid; gap: 0.2rem; }
    h2 { font-size: 0.8rem; font-weight: 600; color: #444; margin: 0; text-transform: uppercase; letter-spacing: 0.03em; }
    p { margin: 0; }
    .headline { font-size: 1.12rem; font-weight: 700; line-height: 1.3; font-variant-numeric: tabular-nums; }
    .calculating { color: #555; font-weight: 600; }
    .details { font-size: 0.92rem; line-height: 1.35; }
    .baseline { font-size: 0.9rem; font-weight: 600; color: #174a94; }
    .se { font-size: 0.76rem; color: #555; font-variant-numeric: tabular-nums; }
    details { font-size: 0.8rem; color: #333; }
    summary { cursor: pointer; display: flex; min-width: 0; overflow: hidden; gap: 0.5rem; align-items: baseline; min-width: 0; list-style-position: inside; }
    summary::before { content: '▸'; color: #555; }
    details[open] summary::before { content: '▾'; }
    summary::-webkit-details-marker { display: none; }
    .desc { flex: 1 1 auto; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .links { flex: none; white-space: nowrap; color: #174a94; }
    .full { margin: 0.35rem 0 0.2rem; max-width: 70rem; }
    h3 { font-size: 0.8rem; margin: 0.4rem 0 0.1rem; }
    ul { margin: 0; padding-left: 1.2rem; max-height: 14rem; overflow: auto; }
    li { margin: 0.1rem 0; }
    a { color: #174a94; }
    code { font-size: 0.95em; }
    :host([present]) .card { border-color: #000; border-left-color: #0072b2; }
    :host([present]) .headline { font-size: 1.45rem; color: #000; }
    :host([present]) .details, :host([present]) .se, :host([present]) details { color: #000; }
  `;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('scenario')) this.#sources = this.scenario ? sourceGroups(this.scenario) : [];
  }

  #about() {
    const s = this.scenario;
    if (!s) return nothing;
    const count = this.#sources.reduce((n, g) => n + g.items.length, 0);
    const desc = scenarioDescription(s) ?? scenarioName(s);
    return html`<details class="about" data-testid="answer-about">
      <summary><span class="desc" title=${desc}>${desc}</span>
        <span class="links">${t('answer:card.methodSummary')} <code>docs/model.md</code> · ${t('answer:card.sourcesCount', { count })}</span></summary>
      <p class="full">${desc}</p>
      <p>${methodParagraph()}</p>
      ${this.#sources.map(
        (g) => html`<h3>${t(`answer:sources.${g.kind}`)}</h3>
          <ul>
            ${g.items.map((x) => html`<li>${safeHref(x.url) ? html`<a href=${safeHref(x.url)} target="_blank" rel="noopener noreferrer">${x.title}</a>` : x.title}${x.date ? ` (${x.date})` : ''}</li>`)}
          </ul>`,
      )}
    </details>`;
  }

  override render() {
    const a = this.answer;
    const year = a?.year ?? this.year;
    const title = html`<h2 id="answer-h">${t('answer:card.title')}${this.scenario ? ` · ${scenarioName(this.scenario)}` : ''}${year !== undefined ? ` · ${year}` : ''}</h2>`;
    if (!a) {
      const text = this.failed
        ? t('answer:card.failed')
        : year !== undefined
          ? t('answer:card.calculatingYear', { year })
          : t('answer:card.calculating');
      return html`<section class="card" aria-labelledby="answer-h" data-testid="answer-card" data-ready="false">
        ${title}
        <p class="headline calculating" data-testid="answer-headline" aria-live="polite">${text}</p>
        ${this.#about()}
      </section>`;
    }
    const text = a.text;
    return html`<section class="card" aria-labelledby="answer-h" data-testid="answer-card" data-ready="true">
      ${title}
      <p class="headline" data-testid="answer-headline" aria-live="polite">${keepTogether(text.headline)}</p>
      ${text.details.length ? html`<p class="details" data-testid="answer-details">${keepTogether(text.details.join(' '))}</p>` : nothing}
      ${
        text.baselineLine
          ? html`<p class="baseline" data-testid="answer-baseline" title=${t('answer:card.baselineTitle', { draws: a.baselineDraws === undefined ? '' : numberFormat().format(a.baselineDraws) })}>${keepTogether(text.baselineLine)}</p>`
          : nothing
      }
      ${text.seLine ? html`<p class="se" data-testid="answer-se">${keepTogether(text.seLine)}</p>` : nothing}
      ${this.#about()}
    </section>`;
  }
}

customElements.define('hr-answer', HrAnswer);

declare global {
  interface HTMLElementTagNameMap {
    'hr-answer': HrAnswer;
  }
}
