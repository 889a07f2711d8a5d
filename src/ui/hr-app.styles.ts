// Layout of the page: header, status strip, parameter panel beside the map and charts; embed and
// presentation variants switch on host attributes set from the store.
import { css } from 'lit';

export const appStyles = css`
  :host { display: grid; gap: 0.75rem; padding: 0.75rem 1rem 1.5rem; max-width: 110rem; margin: 0 auto; color: #1a1a1a; }
  header.top { display: flex; flex-wrap: wrap; align-items: end; justify-content: space-between; gap: 0.5rem 1.5rem; }
  h1 { margin: 0; font-size: 1.45rem; }
  .tagline { margin: 0.1rem 0 0; color: #444; font-size: 0.9rem; max-width: 40rem; }
  h2 { font-size: 1rem; margin: 0 0 0.4rem; }
  .body { display: grid; grid-template-columns: minmax(15rem, 19rem) minmax(0, 1fr); gap: 1rem; align-items: start; }
  aside { position: sticky; top: 0.5rem; max-height: calc(100vh - 1rem); overflow: auto; }
  details.run { margin-top: 0.6rem; background: #fff; border: 1px solid #d5dbe2; border-radius: 6px; padding: 0.4rem 0.6rem; }
  details.run summary { cursor: pointer; font-weight: 600; font-size: 0.88rem; }
  .main { display: grid; gap: 1rem; min-width: 0; }
  .map-area { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.6rem; }
  .map-col { display: grid; gap: 0.4rem; min-width: 0; }
  .map-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.3rem 1rem; }
  .map-head h2 { margin: 0; }
  .year { display: flex; align-items: center; gap: 0.5rem; font-size: 0.88rem; }
  .year input { width: min(18rem, 40vw); accent-color: #1f5fbf; }
  .year output { font-weight: 700; font-variant-numeric: tabular-nums; min-width: 3ch; }
  hr-map { height: clamp(22rem, 58vh, 44rem); }
  .subset { margin: 0; display: flex; gap: 0.5rem; align-items: center; font-size: 0.85rem; }
  .subset span { font-weight: 700; color: #174a94; }
  .subset button { font: inherit; font-size: 0.8rem; padding: 0.1rem 0.45rem; }
  :host([embed]) .ensemble { display: none; }
  .charts-head { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; align-items: center; }
  .charts-head h2 { margin: 0; }
  .charts-head label { font-size: 0.85rem; display: flex; gap: 0.4rem; align-items: center; }
  .charts-head select { font: inherit; padding: 0.2rem 0.4rem; }
  .chart-grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.75rem; }
  .chart-grid .wide { grid-column: 1 / -1; }
  @media (max-width: 60rem) {
    .body { grid-template-columns: minmax(0, 1fr); }
    aside { position: static; max-height: none; }
  }
  @media (max-width: 44rem) {
    .chart-grid { grid-template-columns: minmax(0, 1fr); }
  }

  /* Embedded: no header or panel (unless controls=1), the view fills the iframe. */
  :host([embed]) { max-width: none; padding: 0.4rem; gap: 0.4rem; min-height: 100vh; box-sizing: border-box; align-content: start; }
  :host([embed]) .body { grid-template-columns: minmax(0, 1fr); }
  :host([embed][controls]) .body { grid-template-columns: minmax(13rem, 16rem) minmax(0, 1fr); }
  /* The answer card (about 10rem at iframe widths) stays above the map. */
  :host([embed]) hr-map { height: calc(100vh - 16rem); min-height: 14rem; }
  :host([embed][view='both']) hr-map { height: calc(60vh - 7rem); }
  :host([embed]) .results-table, :host([embed]) details.run { display: none; }

  /* Presentation: large type (html.present scales every rem, see index.html), high contrast. */
  :host([present]) { color: #000; max-width: none; }
  :host([present]) h1 { font-size: 2rem; }
  :host([present]) h2 { font-size: 1.3rem; }
  :host([present]) .tagline { color: #000; }
  :host([present]) hr-map { height: clamp(28rem, 66vh, 60rem); }
`;
