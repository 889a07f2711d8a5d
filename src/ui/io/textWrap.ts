// Line breaking for the export captions, shared by the PNG and the SVG (both draw the same
// caption). Latin text breaks at spaces; Japanese (which has none) between any two characters;
// a word wider than the line is broken where it must be, so no text runs off the image.

/** Width of a string in px, in the font it will be drawn in. */
export type Measure = (text: string) => number;

/** A space-delimited word with its trailing space, one CJK character, or a run of spaces. */
const TOKENS = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+\s*|\s+/gu;

/** Splits `word` (wider than `max`) into pieces that each fit, one character at least. */
function breakWord(word: string, max: number, measure: Measure): string[] {
  const out: string[] = [];
  let line = '';
  for (const ch of word) {
    if (line && measure(line + ch) > max) {
      out.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) out.push(line);
  return out;
}

/** `text` in lines no wider than `max` (greedy), trailing spaces trimmed; [] for empty text. */
export function wrapText(text: string, max: number, measure: Measure): string[] {
  const lines: string[] = [];
  let line = '';
  for (const token of text.match(TOKENS) ?? []) {
    if (measure((line + token).trimEnd()) <= max) {
      line += token;
      continue;
    }
    if (line.trim()) lines.push(line.trimEnd());
    line = '';
    if (!token.trim()) continue;
    if (measure(token.trimEnd()) <= max) {
      line = token;
      continue;
    }
    const pieces = breakWord(token.trimEnd(), max, measure);
    line = pieces.pop() ?? '';
    lines.push(...pieces);
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/** The first `max` items, and a last one saying how many were left out ("+3 more"). */
export function capList<T>(items: readonly T[], max: number, more: (count: number) => T): T[] {
  return items.length <= max ? [...items] : [...items.slice(0, max), more(items.length - max)];
}

/** `text` cut to `max` characters with an ellipsis (source titles in the caption's one line). */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}
