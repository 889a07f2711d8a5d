// Presentation mode's lifecycle for the page: full screen entered for it and left with it, Escape
// leaving it (also when the browser refused full screen, whose own Escape then never fires
// fullscreenchange), and the "Show controls" switch of its one-screen layout. The page keeps the
// state (`present`, in the URL); this controller keeps only what is the page element's own.
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { t } from '../i18n/i18n';

export class PresentationController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  /** Whether the page state says presenting. */
  readonly #present: () => boolean;
  /** Asks the page state to present or not. */
  readonly #setView: (present: boolean) => void;
  #fullscreenByUs = false;
  /** The controls asked for on top of the one-screen layout; forgotten when presenting ends. */
  #showControls = false;

  constructor(host: ReactiveControllerHost, present: () => boolean, setView: (present: boolean) => void) {
    this.#host = host;
    this.#present = present;
    this.#setView = setView;
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('fullscreenchange', this.#onFullscreen);
    document.addEventListener('keydown', this.#onKey);
  }

  hostDisconnected(): void {
    document.removeEventListener('fullscreenchange', this.#onFullscreen);
    document.removeEventListener('keydown', this.#onKey);
  }

  hostUpdate(): void {
    // Controls shown once stay out of the next presentation.
    if (!this.#present()) this.#showControls = false;
  }

  /** The one-screen layout (hr-app.styles.ts): presenting, not embedded, controls not asked for. */
  layout(embedded: boolean): boolean {
    return this.#present() && !embedded && !this.#showControls;
  }

  /** Presents (asking for full screen, which a frame without allowfullscreen refuses) or stops. */
  set(on: boolean): void {
    this.#setView(on);
    if (on && document.fullscreenEnabled && !document.fullscreenElement) {
      document.documentElement.requestFullscreen().then(
        () => (this.#fullscreenByUs = true),
        () => undefined, // refused: the layout and large type still apply
      );
    } else if (!on && document.fullscreenElement && this.#fullscreenByUs) {
      void document.exitFullscreen().catch(() => undefined);
    }
  }

  /** Presentation mode's own buttons, the only ones on its screen until the controls are shown. */
  bar(): TemplateResult {
    const shown = this.#showControls;
    return html`<div class="present-bar" role="group" aria-label=${t('page:present.bar')}>
      <button type="button" data-testid="present-controls" aria-expanded=${shown ? 'true' : 'false'} @click=${this.#toggleControls}>
        ${t(shown ? 'page:present.hideControls' : 'page:present.showControls')}</button>
      ${
        // With the controls shown, the toolbar's own toggle is on screen: one button of that name.
        shown
          ? nothing
          : html`<button type="button" aria-pressed="true" @click=${() => this.set(false)}><span aria-hidden="true">✕ </span>${t('app:toolbar.present')}</button>`
      }
    </div>`;
  }

  #toggleControls = (): void => {
    this.#showControls = !this.#showControls;
    this.#host.requestUpdate();
  };

  #onFullscreen = (): void => {
    if (!document.fullscreenElement && this.#fullscreenByUs) {
      this.#fullscreenByUs = false;
      this.#setView(false);
    }
  };

  #onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && !e.defaultPrevented && this.#present()) this.set(false);
  };
}
