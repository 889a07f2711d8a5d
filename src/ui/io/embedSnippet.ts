// What "Copy embed code" copies: the iframe (actions.ts embedCode) with an id in both its element
// and its link, and the few lines that size it to its content from the `headroom:height`
// messages the embed posts (EmbedHeightController.ts). README.md, "Embedding", shows the same.
import { EMBED_HEIGHT_MESSAGE } from '../EmbedHeightController';
import { EMBED_ID } from '../urlState';
import { embedCode } from './actions';

/** A fresh id for one embed, so two frames on one page are told apart: 'headroom-' and 8 base-36 digits. */
export function newEmbedId(random: () => number = Math.random): string {
  const digits = Array.from({ length: 8 }, () => Math.floor(random() * 36).toString(36)).join('');
  return `headroom-${digits}`;
}

/**
 * The host page's listener: it takes messages from `origin` only, and from the frame the id
 * names only, so no other frame or window can resize it.
 */
export function heightListener(origin: string): string {
  return [
    '<script>',
    "  addEventListener('message', (e) => {",
    '    const d = e.data;',
    `    if (e.origin !== ${JSON.stringify(origin)} || d?.type !== ${JSON.stringify(EMBED_HEIGHT_MESSAGE)} || typeof d.height !== 'number') return;`,
    '    const frame = document.getElementById(d.id);',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the host page's own template literal
    '    if (frame && frame.contentWindow === e.source) frame.style.height = `${d.height}px`;',
    '  });',
    '</script>',
  ].join('\n');
}

/** The iframe of `fullViewUrl` in embed mode, named `id`, and its height listener. */
export function embedSnippet(fullViewUrl: string, title: string, id: string = newEmbedId()): string {
  if (!EMBED_ID.test(id)) throw new RangeError(`embed id '${id.slice(0, 80)}' is not letters, digits, - and _ (at most 64)`);
  const url = new URL(fullViewUrl);
  url.searchParams.set('id', id);
  const frame = embedCode(url.href, title).replace(/^<iframe /, `<iframe id="${id}" `);
  return `${frame}\n${heightListener(url.origin)}`;
}
