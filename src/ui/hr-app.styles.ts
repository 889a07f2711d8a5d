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
  /* In an iframe the frame takes its height from the content (EmbedHeightController.ts), so
     nothing may take its height from the frame: a vh height would grow with every message.
     The map follows the width instead, which the host page sets. */
  :host([embed][framed]) { min-height: 0; }
  :host([embed][framed][view]) hr-map { height: clamp(16rem, 45vw, 30rem); min-height: 0; }
  :host([embed][framed]) aside { position: static; max-height: none; }

  /* Presentation: large type (html.present scales every rem with the screen, see index.html), high contrast. */
  :host([present]) { color: #000; max-width: none; }
  :host([present]) h1 { font-size: 2rem; }
  :host([present]) h2 { font-size: 1.3rem; }
  :host([present]) .tagline { color: #000; }
  :host([present]) hr-map { height: clamp(28rem, 66vh, 60rem); }
  .present-bar { display: flex; justify-content: flex-end; gap: 0.5rem; }
  .present-bar button { font: inherit; font-size: 0.8rem; font-weight: 600; padding: 0.1rem 0.7rem; border: 2px solid #000; border-radius: 4px; background: #fff; color: #000; cursor: pointer; }
  .present-bar button[aria-pressed='true'] { background: #000; color: #fff; }
  .present-bar button:focus-visible { outline: 3px solid #0072b2; outline-offset: 2px; }

  /* The presentation screen: the answer across the top, the map and one chart under it, filling the
     window with nothing to scroll. The chart kept is "What breaks first" (hr-cause-chart): it is the
     card's answer drawn out, the shortfall by cause year by year, so it backs the headline the room
     reads; the fan chart's energy served hides which cause binds. A selected site's detail takes the
     chart's place. The rest is behind "Show controls" (present-layout is set by hr-app.ts). */
  :host([present-layout]) { position: relative; height: 100vh; box-sizing: border-box; grid-template-rows: minmax(0, 1fr); gap: 0.4rem; padding: 0.4rem 0.8rem 0.6rem; overflow: hidden; }
  /* The bar sits over the chart column's top margin, so the answer and the map get the full height. */
  :host([present-layout]) .present-bar { position: absolute; top: 0.4rem; right: 0.8rem; z-index: 2; }
  :host([present-layout]) :is(header.top, hr-status, aside, .charts-head, .ensemble, .results-table, .data-views) { display: none; }
  :host([present-layout]) .chart-grid > :not(hr-cause-chart) { display: none; }
  :host([present-layout]) .body { display: block; min-height: 0; }
  :host([present-layout]) .main {
    height: 100%; gap: 0.5rem 0.8rem;
    /* The map column is the wider: at 1280 px it stays over 720 px, where the map keeps its key open (hr-map.ts). */
    grid-template: 'answer chart' auto 'map chart' minmax(0, 1fr) / minmax(0, 1.45fr) minmax(0, 1fr);
  }
  :host([present-layout]) hr-answer { grid-area: answer; }
  /* The map needs no title on this screen; screen readers keep it. */
  :host([present-layout]) #map-h { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  :host([present-layout]) .map-area { display: contents; }
  :host([present-layout]) .map-col { grid-area: map; min-height: 0; grid-template-rows: auto minmax(0, 1fr); }
  :host([present-layout]) hr-map { height: auto; min-height: 0; }
  :host([present-layout]) .charts, :host([present-layout]) hr-site-detail { grid-area: chart; min-height: 0; overflow: auto; margin-top: 2rem; }
  /* The chart fills its cell (its plot measures the box, chartBase.ts fit): one row, no taller than the cell. */
  :host([present-layout]) .charts { display: grid; grid-template: minmax(0, 1fr) / minmax(0, 1fr); overflow: hidden; }
  :host([present-layout]) .chart-grid { grid-template: minmax(0, 1fr) / minmax(0, 1fr); min-height: 0; }
  :host([present-layout]) hr-cause-chart { min-height: 0; }
  :host([present-layout]) .main:has(.with-detail) .charts { display: none; }

  /* Phone: the answer and the map first, then the title, toolbar, status and knobs. The wrappers
     step aside (display: contents) so their children can be ordered in the page's own grid. */
  @media (max-width: 44rem) {
    :host(:not([embed], [present-layout])) { grid-template-columns: minmax(0, 1fr); }
    :host(:not([embed], [present-layout])) :is(header.top, .body, .main) { display: contents; }
    :host(:not([embed], [present-layout])) header.top > div { order: -3; }
    :host(:not([embed], [present-layout])) hr-answer { order: -2; }
    :host(:not([embed], [present-layout])) .map-area { order: -1; }
    /* Presenting from a phone: the same three, stacked, and the page scrolls. */
    :host([present-layout]) { height: auto; overflow: visible; grid-template-rows: auto; }
    :host([present-layout]) .present-bar { position: static; }
    :host([present-layout]) :is(.charts, hr-site-detail) { margin-top: 0; }
    :host([present-layout]) .main { grid-template: 'answer' auto 'map' 70vh 'chart' 32rem / minmax(0, 1fr); }
  }
`;
