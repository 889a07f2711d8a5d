// The parameter panel: every scenario knob as a labelled range slider, grouped by what it acts
// on, with its unit, current value and a reset. A knob can also be varied over a range (a
// two-handled slider under its point slider): the point stays the live view's value, the range is
// what ensembles and the sensitivity analysis vary. It reports moves as events and shows the
// values it is given; the store holds them.
import { LitElement, css, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { KnobValues } from '../engine/types';
import { t } from '../i18n/i18n';
import type { KnobName } from '../scenario/names';
import type { Scenario } from '../scenario/schema';
import './hr-range-slider';
import type { RangeEvent } from './hr-range-slider';
import { LocaleController } from './i18n/LocaleController';
import { knobMeaning } from './knobMeaning';
import { effectiveKnobs, KNOB_GROUPS, KNOB_META, knobRanges, type KnobRange } from './knobs';
import type { KnobRangeMap } from './ranges';
import { resolveYear } from './resultSlices';

export type KnobEvent = CustomEvent<{ name: KnobName; value: number }>;
export type KnobResetEvent = CustomEvent<{ name: KnobName | undefined }>;
/** A knob's range, or undefined when "vary over a range" is switched off. */
export type KnobRangeEvent = CustomEvent<{ name: KnobName; range: readonly [number, number] | undefined }>;

export class HrKnobPanel extends LitElement {
  static override properties = {
    scenario: { attribute: false },
    knobs: { attribute: false },
    ranges: { attribute: false },
    year: { attribute: false },
  };
  declare scenario: Scenario | undefined;
  declare knobs: KnobValues;
  declare ranges: KnobRangeMap;
  /** The year the page shows; each knob's line says what its value means then (default: the scenario's). */
  declare year: number | undefined;

  constructor() {
    super();
    this.scenario = undefined;
    this.knobs = {};
    this.ranges = {};
    this.year = undefined;
    new LocaleController(this);
  }

  static override styles = css`
    :host { display: block; font-size: 0.88rem; }
    fieldset { border: 1px solid #d5dbe2; border-radius: 6px; margin: 0 0 0.6rem; padding: 0.35rem 0.6rem 0.5rem; background: #fff; }
    legend { font-weight: 600; padding: 0 0.3rem; }
    .knob { display: grid; grid-template-columns: 1fr auto; gap: 0 0.4rem; align-items: center; margin-top: 0.35rem; }
    label { font-weight: 500; }
    .what { grid-column: 1 / -1; margin: 0.05rem 0 0; font-size: 0.78rem; color: #4a5560; }
    output { font-variant-numeric: tabular-nums; text-align: right; white-space: nowrap; }
    output.moved { font-weight: 700; color: #174a94; }
    .slider { grid-column: 1 / -1; position: relative; }
    input[type='range'] { display: block; width: 100%; margin: 0.15rem 0 0; accent-color: #1f5fbf; }
    /* The scenario's own value, under the track: the thumb's centre runs from 8 px to 100% − 8 px. */
    .tick { position: absolute; bottom: -3px; width: 2px; height: 7px; margin-left: -1px; background: #174a94; pointer-events: none; }
    .means { grid-column: 1 / -1; margin: 0.1rem 0 0; font-size: 0.8rem; color: #1d2a36; }
    .warn { grid-column: 1 / -1; margin: 0.15rem 0 0; padding: 0.2rem 0.35rem; font-size: 0.78rem; color: #6b2a00; background: #fff3e0; border-left: 3px solid #c75b12; }
    .range { grid-column: 1 / -1; display: flex; justify-content: space-between; color: #555; font-size: 0.75rem; }
    .range button { font: inherit; font-size: 0.75rem; padding: 0 0.35rem; }
    .all { font: inherit; width: 100%; padding: 0.35rem; }
    .vary { grid-column: 1 / -1; display: flex; align-items: center; gap: 0.3rem; font-size: 0.75rem; color: #444; font-weight: 400; }
    .vary output { margin-left: auto; color: #8a3e0c; font-weight: 600; }
    hr-range-slider { grid-column: 1 / -1; }
    input:focus-visible, button:focus-visible { outline: 3px solid #1f5fbf; outline-offset: 1px; }
  `;

  #emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }

  #onVary(name: KnobName, r: KnobRange, on: boolean): void {
    // Switched on, a knob varies over its plausible range (the scenario's min/max), not the slider's reach.
    this.#emit('hr-knob-range', { name, range: on ? [Math.max(r.min, r.plausible[0]), Math.min(r.max, r.plausible[1])] : undefined });
  }

  #range(name: KnobName, r: KnobRange) {
    const meta = KNOB_META[name];
    const range = this.ranges[name];
    const id = `vary-${name}`;
    const f = (v: number): string => `${meta.display(v)} ${meta.unit}`;
    return html`<label class="vary" for=${id}>
        <input id=${id} type="checkbox" aria-label=${t('knobs:panel.varyLabel', { knob: meta.label })} .checked=${live(!!range)}
          @change=${(e: Event) => this.#onVary(name, r, (e.target as HTMLInputElement).checked)} />
        ${t('knobs:panel.vary')}
        ${range ? html`<output data-testid=${`range-${name}`}>${meta.display(range[0])}–${meta.display(range[1])} ${meta.unit}</output>` : nothing}
      </label>
      ${
        range
          ? html`<hr-range-slider label=${meta.label} min=${r.min} max=${r.max} step=${r.step} lo=${range[0]} hi=${range[1]} .base=${r.base} .format=${f}
            @hr-range=${(e: RangeEvent) => this.#emit('hr-knob-range', { name, range: e.detail.range })}></hr-range-slider>`
          : nothing
      }`;
  }

  #onInput(name: KnobName, e: Event): void {
    this.#emit('hr-knob', { name, value: (e.target as HTMLInputElement).valueAsNumber });
  }

  override render() {
    const s = this.scenario;
    if (!s) return html`<p>${t('knobs:panel.loading')}</p>`;
    const ranges = knobRanges(s);
    const values = effectiveKnobs(s, this.knobs);
    const year = resolveYear(this.year, s) ?? s.endYear;
    const anyMoved = Object.keys(this.knobs).length > 0;
    return html`
      ${KNOB_GROUPS.map(
        (g) => html`<fieldset>
          <legend>${g.label}</legend>
          ${g.knobs.map((name) => {
            const meta = KNOB_META[name];
            const r = ranges[name];
            const v = values[name];
            const moved = this.knobs[name] !== undefined && Math.abs(v - r.base) > 1e-9;
            const shown = `${meta.display(v)} ${meta.unit}`;
            const id = `knob-${name}`;
            const means = knobMeaning(s, year, name, v, r);
            const tickAt = (r.base - r.min) / (r.max - r.min || 1);
            const extent = `${meta.display(r.min)}–${meta.display(r.max)} ${meta.unit}`;
            const plausible = r.plausible[0] > r.min || r.plausible[1] < r.max;
            return html`<div class="knob" data-knob=${name}>
              <label for=${id}>${meta.label}</label>
              <output for=${id} class=${moved ? 'moved' : ''} data-testid=${`value-${name}`}>${shown}</output>
              <div class="slider">
                <input
                  id=${id}
                  name=${name}
                  type="range"
                  min=${r.min}
                  max=${r.max}
                  step=${r.step}
                  .value=${live(String(v))}
                  aria-valuetext=${shown}
                  aria-describedby=${`${id}-means ${id}-warn ${id}-what ${id}-help`}
                  list=${`${id}-own`}
                  @input=${(e: Event) => this.#onInput(name, e)}
                />
                <span class="tick" data-testid=${`tick-${name}`} data-value=${r.base} title=${t('knobs:slider.scenario')}
                  style=${`left:calc(8px + (100% - 16px) * ${tickAt})`}></span>
              </div>
              <datalist id=${`${id}-own`}><option value=${r.base} label=${t('knobs:panel.tick')}></option></datalist>
              <p class="means" id=${`${id}-means`} data-testid=${`means-${name}`}>${means.text}</p>
              ${means.warning ? html`<p class="warn" id=${`${id}-warn`} role="status" data-testid=${`warn-${name}`}>${means.warning}</p>` : nothing}
              <p class="what" id=${`${id}-what`}>${t('knobs:panel.what', { help: meta.help, value: `${meta.display(r.base)} ${meta.unit}` })}</p>
              <div class="range">
                <span id=${`${id}-help`}>${extent}${plausible ? html` · ${t('knobs:panel.plausible', { lo: meta.display(r.plausible[0]), hi: meta.display(r.plausible[1]), unit: meta.unit })}` : nothing}</span>
                ${
                  moved
                    ? html`<button type="button" aria-label=${t('knobs:panel.resetLabel', { knob: meta.label, value: `${meta.display(r.base)} ${meta.unit}` })} @click=${() => this.#emit('hr-knob-reset', { name })}>${t('knobs:panel.reset')}</button>`
                    : nothing
                }
              </div>
              ${this.#range(name, r)}
            </div>`;
          })}
        </fieldset>`,
      )}
      <button type="button" class="all" ?disabled=${!anyMoved} @click=${() => this.#emit('hr-knob-reset', { name: undefined })}>${t('knobs:panel.resetAll')}</button>
    `;
  }
}

customElements.define('hr-knob-panel', HrKnobPanel);
declare global {
  interface HTMLElementTagNameMap {
    'hr-knob-panel': HrKnobPanel;
  }
}
