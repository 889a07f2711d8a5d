// A two-handled slider: two native range inputs stacked on one track, so each handle is a real
// slider for the keyboard and for screen readers ("Grid build-out minimum" / "… maximum"). Only
// the thumbs take the pointer (the inputs themselves let clicks through), and a handle pushed
// past the other stops there, so the range never turns inside out.
import { LitElement, css, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { t } from '../i18n/i18n';
import { LocaleController } from './i18n/LocaleController';

export type RangeEvent = CustomEvent<{ range: [number, number] }>;

export class HrRangeSlider extends LitElement {
  static override properties = {
    min: { type: Number },
    max: { type: Number },
    step: { type: Number },
    lo: { type: Number },
    hi: { type: Number },
    label: { type: String },
    base: { attribute: false },
    format: { attribute: false },
  };
  declare min: number;
  declare max: number;
  declare step: number;
  declare lo: number;
  declare hi: number;
  /** Names the handles: "Grid build-out minimum" / "… maximum" (knobs:slider.min / .max). */
  declare label: string;
  /** The scenario's own value, marked with a tick on the track (none when undefined). */
  declare base: number | undefined;
  declare format: (v: number) => string;

  constructor() {
    super();
    this.min = 0;
    this.max = 1;
    this.step = 0.01;
    this.lo = 0;
    this.hi = 1;
    this.label = '';
    this.base = undefined;
    this.format = (v) => String(v);
    new LocaleController(this);
  }

  static override styles = css`
    :host { display: block; position: relative; height: 1.5rem; }
    .track, .fill { position: absolute; top: 50%; height: 4px; margin-top: -2px; border-radius: 2px; }
    .track { left: 0; right: 0; background: #d5dbe2; }
    .fill { background: #c75b12; }
    /* The thumbs' centres run from 7 px to 100% − 7 px; the tick sits under the track there. */
    .tick { position: absolute; top: calc(50% + 3px); width: 2px; height: 6px; margin-left: -1px; background: #174a94; pointer-events: none; }
    input { position: absolute; inset: 0; width: 100%; margin: 0; background: none; pointer-events: none; -webkit-appearance: none; appearance: none; }
    input::-webkit-slider-runnable-track { background: none; }
    input::-webkit-slider-thumb { pointer-events: auto; -webkit-appearance: none; width: 14px; height: 14px; border-radius: 50%; background: #c75b12; border: 2px solid #fff; box-shadow: 0 0 0 1px #8a3e0c; cursor: grab; }
    input::-moz-range-thumb { pointer-events: auto; width: 12px; height: 12px; border-radius: 50%; background: #c75b12; border: 2px solid #fff; cursor: grab; }
    input::-moz-range-track { background: none; }
    input:focus-visible { outline: none; }
    input:focus-visible::-webkit-slider-thumb { box-shadow: 0 0 0 3px #1f5fbf; }
    input:focus-visible::-moz-range-thumb { box-shadow: 0 0 0 3px #1f5fbf; }
  `;

  #emit(lo: number, hi: number): void {
    this.dispatchEvent(new CustomEvent('hr-range', { detail: { range: [lo, hi] }, bubbles: true, composed: true }));
  }

  #onLo(e: Event): void {
    const input = e.target as HTMLInputElement;
    const v = Math.min(input.valueAsNumber, this.hi);
    input.valueAsNumber = v;
    this.#emit(v, this.hi);
  }

  #onHi(e: Event): void {
    const input = e.target as HTMLInputElement;
    const v = Math.max(input.valueAsNumber, this.lo);
    input.valueAsNumber = v;
    this.#emit(this.lo, v);
  }

  override render() {
    const span = this.max - this.min || 1;
    const left = ((this.lo - this.min) / span) * 100;
    const right = ((this.hi - this.min) / span) * 100;
    // Handles that meet must still come apart: the one that can move away goes on top.
    const loOnTop = left > 50;
    const base = this.base;
    const tick =
      base !== undefined && Number.isFinite(base) && base >= this.min && base <= this.max
        ? html`<span class="tick" data-testid="range-tick" data-value=${base} title=${t('knobs:slider.scenario')}
            style="left:calc(7px + (100% - 14px) * ${(base - this.min) / span})"></span>`
        : nothing;
    return html`<div class="track"></div>
      <div class="fill" style="left:${left}%;width:${Math.max(0, right - left)}%"></div>
      ${tick}
      <input type="range" style=${loOnTop ? 'z-index:2' : ''} aria-label=${t('knobs:slider.min', { label: this.label })} min=${this.min} max=${this.max} step=${this.step} .value=${live(String(this.lo))}
        aria-valuetext=${this.format(this.lo)} @input=${this.#onLo} />
      <input type="range" aria-label=${t('knobs:slider.max', { label: this.label })} min=${this.min} max=${this.max} step=${this.step} .value=${live(String(this.hi))}
        aria-valuetext=${this.format(this.hi)} @input=${this.#onHi} />`;
  }
}

customElements.define('hr-range-slider', HrRangeSlider);
declare global {
  interface HTMLElementTagNameMap {
    'hr-range-slider': HrRangeSlider;
  }
}
