// Page entry: builds the store and controller, mounts the UI, and exposes `window.headroom` so
// headless drivers (Playwright, scripts) can run the model without clicking.
import { createEngine } from './engine/createEngine';
import type { Engine, RunOptions, RunResult } from './engine/types';
import type { Scenario } from './scenario/schema';
import { parseScenario } from './scenario/validate';
import { Controller } from './ui/controller';
import './ui/hr-app';
import { initialState, Store } from './ui/store';

export interface HeadroomApi {
  createEngine: typeof createEngine;
  parseScenario: typeof parseScenario;
  /** Runs the current scenario on the page's engine, updating the page as a click on Run would. */
  run(options?: RunOptions): Promise<RunResult>;
  /** Settles once the engine has started and the first scenario has loaded (rejects if the engine cannot start). */
  readonly ready: Promise<void>;
  readonly scenario: Scenario | undefined;
  readonly lastResult: RunResult | undefined;
  readonly engine: Engine | undefined;
}

declare global {
  interface Window {
    headroom: HeadroomApi;
  }
}

const store = new Store(initialState(location.search));
const controller = new Controller(store);

// Absent until the page is ready, so a driver can wait for `body[data-state]`.
store.subscribe((s) => {
  if (s.ready || s.state === 'error') document.body.dataset.state = s.state;
});

const app = document.querySelector('hr-app') ?? document.body.appendChild(document.createElement('hr-app'));
app.attach(store, controller);

window.headroom = {
  createEngine,
  parseScenario,
  run: (options) => controller.run(options),
  ready: controller.ready,
  get scenario() {
    return store.state.scenario;
  },
  get lastResult() {
    return store.state.result;
  },
  get engine() {
    return controller.engine;
  },
};
