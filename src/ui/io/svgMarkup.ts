// The few pieces of SVG markup the exports write. Every text node and attribute value goes
// through `xml()`, so a site, region or source name with <, & or quotes cannot break the file.

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Characters XML 1.0 forbids anywhere (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/F). */
const XML_INVALID =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters removed
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text safe inside an element or a double-quoted attribute. */
export function xml(text: string): string {
  return text.replace(XML_INVALID, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

export type Attrs = Record<string, string | number | undefined>;

/** An element; `body` is markup already escaped (children) or undefined for an empty element. */
export function tag(name: string, attrs: Attrs, body?: string): string {
  let a = '';
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    a += ` ${k}="${xml(typeof v === 'number' ? num(v) : v)}"`;
  }
  return body === undefined ? `<${name}${a}/>` : `<${name}${a}>${body}</${name}>`;
}

/** A text element: `text` is escaped here. */
export const textTag = (attrs: Attrs, text: string): string => tag('text', attrs, xml(text));

/** Coordinates to 0.01 px: enough for any screen, and the file stays small. */
export function num(v: number): string {
  return String(Math.round(v * 100) / 100);
}
