// An embed's own header: what the frame shows (the scenario and year), where the numbers come
// from, and a link back to the full view with the same state — so an embedded chart in an
// article is never an unlabelled picture.
import { LitElement, css, html, nothing } from 'lit';
import { numberFormat, t } from '../i18n/i18n';
import type { Scenario } from '../scenario/schema';
import { sourceGroups } from './hr-answer';
import { LocaleController } from './i18n/LocaleController';
import { safeHref } from './safeHref';
import { scenarioName } from './scenarioText';

export class HrEmbedHeader extends LitElement {
  static override properties = {
    scenario: { attribute: false },
    year: { attribute: false },
    fullViewHref: { attribute: false },
  };

  declare scenario: Scenario | undefined;
  declare year: number | undefined;
  declare fullViewHref: string;

  constructor() {
    super();
    this.scenario = undefined;
    this.year = undefined;
    this.fullViewHref = '';
    new LocaleController(this);
  }

  static override styles = css`
    :host { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.2rem 1rem; }
    h1 { margin: 0; font-size: 1rem; }
    p { margin: 0; font-size: 0.8rem; color: #444; }
    a { color: #174a94; }
  `;

  override render() {
    const href = safeHref(this.fullViewHref);
    const n = this.scenario ? sourceGroups(this.scenario).reduce((a, g) => a + g.items.length, 0) : 0;
    const sources = n > 0 ? t('app:embed.sources', { n: numberFormat().format(n) }) : t('app:embed.noSources');
    const name = this.scenario ? scenarioName(this.scenario) : 'Headroom';
    const title = this.year !== undefined ? t('app:embed.title', { name, year: this.year }) : name;
    return html`
      <h1 data-testid="embed-title">${title}</h1>
      <p data-testid="embed-source">
        ${t('app:embed.source', { sources })}
        ${href ? html`<a href=${safeHref(href)} target="_blank" rel="noopener" data-testid="embed-full-view">${t('app:embed.fullView')}</a>` : nothing}
      </p>
    `;
  }
}

customElements.define('hr-embed-header', HrEmbedHeader);

declare global {
  interface HTMLElementTagNameMap {
    'hr-embed-header': HrEmbedHeader;
  }
}
