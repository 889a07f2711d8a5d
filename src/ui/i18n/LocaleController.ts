// Re-renders its host when the page's language changes, so a component that calls t() in
// render() needs only `new LocaleController(this)` in its constructor (lit's ReactiveController:
// one subscription per connected host, dropped on disconnect).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { onLanguageChange } from '../../i18n/i18n';

export class LocaleController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #off: (() => void) | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#off = onLanguageChange(() => this.#host.requestUpdate());
  }

  hostDisconnected(): void {
    this.#off?.();
    this.#off = undefined;
  }
}
