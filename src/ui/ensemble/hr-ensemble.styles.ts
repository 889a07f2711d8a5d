// Layout of the ensemble section: settings strip, status, the two brushable views side by side,
// and the PRIM, sensitivity and raw-sample cards below.
import { css } from 'lit';

export const ensembleStyles = css`
  :host { display: grid; gap: 0.6rem; font-size: 0.88rem; }
  h2 { font-size: 1rem; margin: 0; }
  h3 { font-size: 0.92rem; margin: 0 0 0.35rem; }
  .intro { margin: 0; color: #444; font-size: 0.85rem; max-width: 60rem; }
  .settings { display: flex; flex-wrap: wrap; gap: 0.5rem 0.9rem; align-items: end; background: #fff; border: 1px solid #d5dbe2; border-radius: 6px; padding: 0.5rem 0.6rem; }
  .settings label { display: flex; flex-direction: column; gap: 0.15rem; font-size: 0.8rem; color: #333; }
  select, input, button { font: inherit; font-size: 0.82rem; padding: 0.2rem 0.4rem; }
  input[type='number'] { width: 6rem; }
  button.primary { background: #1f5fbf; color: #fff; border: 1px solid #174a94; border-radius: 4px; }
  button:disabled { opacity: 0.55; }
  .meta { flex-basis: 100%; margin: 0; color: #444; font-size: 0.8rem; }
  .status, .selection { margin: 0; display: flex; flex-wrap: wrap; gap: 0.3rem 0.8rem; align-items: center; }
  .selection span { font-weight: 700; color: #174a94; }
  .stale { color: #8a3e0c; }
  progress { width: 9rem; }
  .axes { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; align-items: center; font-size: 0.82rem; }
  .axes label { display: inline-flex; gap: 0.3rem; align-items: center; }
  .views { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.75rem; }
  .cards { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.75rem; }
  .cards article:last-child { grid-column: 1 / -1; }
  .panel { margin: 0; background: #fff; border: 1px solid #d5dbe2; border-radius: 6px; padding: 0.5rem 0.6rem; min-width: 0; }
  input:focus-visible, button:focus-visible, select:focus-visible { outline: 3px solid #1f5fbf; outline-offset: 1px; }
  @media (max-width: 70rem) {
    .views, .cards { grid-template-columns: minmax(0, 1fr); }
  }
`;
