// The map panel's styles (hr-map.ts): the canvas, the buttons over it, names and counts, the key's
// box (placed by MapOverlay.ts), the tooltip and the drop zone.
import { css } from 'lit';
import { KEY_MARGIN_PX } from './keyForm';

export const hrMapStyles = css`
  :host { display: block; position: relative; min-height: 18rem; }
  /* A size container: the key's type follows the map box (cqw, cqh), not the root font size. */
  .frame { position: absolute; inset: 0; border-radius: 6px; overflow: hidden; background: #eef2f6; container-type: size; }
  .surface { position: absolute; inset: 0; cursor: grab; touch-action: none; outline: none; }
  .surface:focus-visible { box-shadow: inset 0 0 0 3px #1f5fbf; }
  .surface:active { cursor: grabbing; }
  canvas { display: block; width: 100%; height: 100%; }
  .tools { position: absolute; top: 0.5rem; left: 0.5rem; display: flex; flex-direction: column; gap: 0.25rem; }
  .tools .row { display: flex; gap: 0.25rem; }
  button { font: inherit; font-size: 0.8rem; min-width: 2rem; padding: 0.2rem 0.45rem; border: 1px solid #9aa6b4; border-radius: 4px; background: #fff; cursor: pointer; }
  button:focus-visible { outline: 3px solid #1f5fbf; outline-offset: 1px; }
  /* In px (KEY_MARGIN_PX, where MapOverlay places the key) and container units, so presentation mode's larger rem leaves the key's fit to its map alone. */
  hr-map-legend { position: absolute; right: ${KEY_MARGIN_PX}px; bottom: ${KEY_MARGIN_PX}px; font-size: clamp(10px, min(1.3cqw, 2.9cqh), 15px); }
  hr-map-legend.placed { right: auto; bottom: auto; }
  .labels { position: absolute; inset: 0; pointer-events: none; overflow: hidden; }
  .labels span { position: absolute; left: 0; top: 0; box-sizing: border-box; white-space: nowrap; text-align: center; }
  .site-label { height: 16px; line-height: 16px; padding: 0 4px; font: 600 11px system-ui, sans-serif; color: #1a1a1a; background: rgba(255, 255, 255, 0.82); border-radius: 3px; overflow: hidden; }
  .site-label.selected { background: #1a1a1a; color: #fff; }
  .badge { height: 16px; line-height: 16px; font: 700 11px system-ui, sans-serif; color: #fff; background: #1a1a1a; border: 1px solid #fff; border-radius: 8px; }
  .calculating { position: absolute; left: 0.5rem; bottom: 0.5rem; margin: 0; padding: 0.2rem 0.5rem; border-radius: 4px; background: rgba(255, 255, 255, 0.9); font-size: 0.8rem; color: #333; }
  .tip { position: absolute; pointer-events: none; background: rgba(20, 24, 30, 0.92); color: #fff; padding: 0.35rem 0.55rem; border-radius: 4px; font-size: 0.8rem; max-width: 18rem; z-index: 2; }
  .tip p { margin: 0; }
  .tip p:first-child { font-weight: 600; }
  .drop { position: absolute; inset: 0; display: grid; place-items: center; background: rgba(31, 95, 191, 0.15); border: 3px dashed #1f5fbf; font-weight: 600; color: #123; pointer-events: none; }
  .nowebgl { padding: 1rem; }`;
