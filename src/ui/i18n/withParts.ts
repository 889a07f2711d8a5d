// A translated sentence with markup inside it (<code>, <strong>): the translation places the
// {{placeholders}}, so the markup lands wherever the language puts it, never in English order.
import type { TemplateResult } from 'lit';

/**
 * `translate` gets a marker for each part's placeholder; the markers are then swapped for the
 * parts: withParts((v) => t('app:results.otherSets', v), { where: html`<code>…</code>` }).
 */
export function withParts<K extends string>(
  translate: (markers: Record<K, string>) => string,
  parts: Record<K, TemplateResult>,
): (string | TemplateResult)[] {
  const names = Object.keys(parts) as K[];
  // Private-use characters: never in a translation, and kept by i18next as they are.
  const markers = Object.fromEntries(names.map((n, i) => [n, `\uE000${i}\uE001`])) as Record<K, string>;
  return translate(markers)
    .split(/\uE000(\d+)\uE001/)
    .map((piece, i) => (i % 2 === 1 ? (parts[names[Number(piece)] as K] as TemplateResult) : piece));
}
