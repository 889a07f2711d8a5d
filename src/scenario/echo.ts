// What an error message may repeat of a user's input. A key, a name or a value is echoed at most
// ECHO_MAX_CHARS characters long with control characters shown as escapes (a NUL or an ANSI escape
// from a file must not reach a terminal), and a list of problems stops at LIST_MAX lines with
// "… and N more", so a 1 MB key or 4,000 bad rows give a message a person can read.

export const ECHO_MAX_CHARS = 80;
export const LIST_MAX = 20;

// C0 controls, DEL, C1 controls, and the bidi overrides that can reorder what a terminal shows.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;

/** `text` fit to echo: control characters escaped, cut to `max` characters with its length named. */
export function echo(text: string, max: number = ECHO_MAX_CHARS): string {
  const cut = text.length > max ? text.slice(0, max) : text;
  const safe = cut.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return text.length > max ? `${safe}… (${text.length.toLocaleString('en-US')} characters)` : safe;
}

/** The first `max` lines, then one line "… and N more <noun>" when there were more. */
export function capLines(lines: readonly string[], max: number = LIST_MAX, noun = 'problems'): string[] {
  if (lines.length <= max) return [...lines];
  return [...lines.slice(0, max), `… and ${(lines.length - max).toLocaleString('en-US')} more ${noun}`];
}
