// Links from data (a scenario's or a site's sources) are rendered only when they are http(s):
// a `javascript:` or `data:` URL in an imported file must never become a clickable link.

/** The URL, normalised, when it is an absolute http: or https: URL; otherwise undefined (show the title as text). */
export function safeHref(url: unknown): string | undefined {
  if (typeof url !== 'string' || url.trim() === '') return undefined;
  let parsed: URL;
  try {
    // The URL parser strips the tabs, newlines and spaces that `java\tscript:` hides behind.
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
}
