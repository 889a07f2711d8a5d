// Responsive embeds: inside an iframe, the page tells its host how tall its content is, so the
// host can size the frame to it (the listener is in README.md, "Embedding", and in the copied
// embed code). The height is the host element's bottom edge in the document, measured on a
// ResizeObserver and posted at most once an animation frame, and only when it changes.
// The element is also marked `framed` then: its styles stop sizing anything to the viewport
// (hr-app.styles.ts), since a content height that follows the frame's height would feed back and
// grow with every message.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export const EMBED_HEIGHT_MESSAGE = 'headroom:height';

/** The message a framed embed posts to its parent window. */
export interface EmbedHeightMessage {
  type: typeof EMBED_HEIGHT_MESSAGE;
  /** CSS pixels, whole: the frame needs at least this much to show everything without scrolling. */
  height: number;
  /** The embed's `id=` from its link, or null when the link has none. */
  id: string | null;
}

/** In a frame: the parent is another window (a cross-origin one is still !== window). */
export const isFramed = (): boolean => typeof window !== 'undefined' && window.parent !== window;

export class EmbedHeightController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  /** The embed flags as the host has them now; undefined before the page state arrives. */
  readonly #embed: () => { enabled: boolean; id: string | undefined } | undefined;
  #observer: ResizeObserver | undefined;
  #frame = 0;
  #sent: { height: number; id: string | null } | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, embed: () => { enabled: boolean; id: string | undefined } | undefined) {
    this.#host = host;
    this.#embed = embed;
    host.addController(this);
  }

  hostUpdated(): void {
    const on = isFramed() && this.#embed()?.enabled === true;
    this.#host.toggleAttribute('framed', on);
    if (on && !this.#observer) {
      this.#observer = new ResizeObserver(() => this.#schedule());
      // Observing fires once at once, which sends the first height.
      this.#observer.observe(this.#host);
    } else if (!on && this.#observer) this.#stop();
    else if (on && this.#sent && this.#sent.id !== (this.#embed()?.id ?? null)) this.#schedule();
  }

  hostDisconnected(): void {
    this.#stop();
  }

  #stop(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#sent = undefined;
  }

  #schedule(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#post();
    });
  }

  #post(): void {
    if (!this.#observer) return;
    const height = Math.ceil(this.#host.getBoundingClientRect().bottom + window.scrollY);
    const id = this.#embed()?.id ?? null;
    if (this.#sent && this.#sent.height === height && this.#sent.id === id) return;
    this.#sent = { height, id };
    const message: EmbedHeightMessage = { type: EMBED_HEIGHT_MESSAGE, height, id };
    // Any origin may receive it: the page cannot know who frames it (frame-ancestors decides
    // that), and the message carries only a height and the id the host itself put in the link.
    window.parent.postMessage(message, '*');
  }
}
