// The one reader of a user's file: its bytes and name become text, or one typed problem whose
// message says what the file is and what to do. The page (File.arrayBuffer) and the CLI
// (readFile without an encoding) both call fileText, so a workbook, a PDF, a UTF-16 export or a
// Windows-1252 CSV gets the same answer on either side. Nothing here throws on bad input.
import { numberFormat, t } from '../i18n/i18n';
import { echo } from '../scenario/echo';
import { MAX_SITES } from '../scenario/validate';

/**
 * 20 MiB. A full engine load (4096 sites) at the shipped sites.csv's ~680 bytes a row is ~2.8 MB
 * of CSV, and pretty-printed GeoJSON or scenario JSON runs ~2–3× that, so this leaves room for
 * long notes while keeping parsing well under a second and memory bounded on a phone.
 */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** How much of an over-size file is read to say what it is (its kind, a binary format). */
export const HEAD_BYTES = 64 * 1024;

export type FileKind = 'scenario' | 'sites';
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';
export type FileProblemCode = 'too-big' | 'binary' | 'encoding' | 'wrong-kind';

/** Shaped like an ImportIssue (a whole-file problem: no row, no column), with its class. */
export interface FileProblem {
  code: FileProblemCode;
  message: string;
}
export type FileTextResult = { ok: true; text: string; encoding: TextEncodingName } | { ok: false; problem: FileProblem };

const mb = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
/** A file name as messages show it: control characters escaped, at most 80 characters. */
export const nameOf = (fileName: string): string => echo(fileName);

/** The size check on its own, so the page can refuse a `File` by `file.size` before reading it. */
export function fileSizeProblem(fileName: string, bytes: number, kind: FileKind): FileProblem | undefined {
  if (bytes <= MAX_IMPORT_BYTES) return undefined;
  const values = { name: nameOf(fileName), size: mb(bytes), limit: MAX_IMPORT_BYTES / (1024 * 1024), max: MAX_SITES };
  return { code: 'too-big', message: t(kind === 'sites' ? 'imports:tooBig.sites' : 'imports:tooBig.scenario', values) };
}

// ---- what a text is ----------------------------------------------------------------------------

/** A scenario's top-level keys, which a site list (CSV header or GeoJSON) does not have. */
const SCENARIO_KEY = /"(?:sites|regions|startYear)"\s*:/;
const GEOJSON_TYPE = /"type"\s*:\s*"Feature(?:Collection)?"/;

/** JSON that reads like a Headroom scenario; only the first HEAD_BYTES characters are looked at. */
export function looksLikeScenario(text: string): boolean {
  const head = text.slice(0, HEAD_BYTES);
  return /^\s*\{/.test(head) && SCENARIO_KEY.test(head) && !GEOJSON_TYPE.test(head);
}

/** A site list: GeoJSON features, or a first line naming site columns (id and lat or region). */
export function looksLikeSiteList(text: string): 'csv' | 'geojson' | undefined {
  const head = text.slice(0, HEAD_BYTES);
  if (/^\s*\{/.test(head)) return GEOJSON_TYPE.test(head) && !looksLikeScenario(head) ? 'geojson' : undefined;
  const first = (head.split(/\r?\n/, 1)[0] ?? '').toLowerCase();
  const cells = new Set(first.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, '')));
  return cells.has('id') && (cells.has('lat') || cells.has('region')) ? 'csv' : undefined;
}

/**
 * Where the page's one Import control sends a file: by content first (a scenario JSON named
 * .txt is still a scenario; a CSV named .json is still sites), then by extension.
 */
export function guessKind(fileName: string, text: string): FileKind {
  if (looksLikeScenario(text)) return 'scenario';
  if (looksLikeSiteList(text)) return 'sites';
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (['csv', 'tsv', 'txt', 'geojson'].includes(ext)) return 'sites';
  return ext === 'json' || /^\s*[[{]/.test(text.slice(0, 256)) ? 'scenario' : 'sites';
}

/** A scenario given where a site list belongs, or the reverse: the message that says so. */
export function kindProblem(fileName: string, text: string, expected: FileKind): FileProblem | undefined {
  const name = nameOf(fileName);
  if (expected === 'sites' && looksLikeScenario(text)) {
    return { code: 'wrong-kind', message: wrongKind(name, 'sites') };
  }
  const list = expected === 'scenario' ? looksLikeSiteList(text) : undefined;
  if (list) return { code: 'wrong-kind', message: wrongKind(name, 'scenario', list) };
  return undefined;
}

/** The wrong-kind message, also used by the GeoJSON reader once it has parsed the document. */
export function wrongKind(name: string, expected: FileKind, list?: 'csv' | 'geojson'): string {
  if (expected === 'sites') return t('imports:wrongKind.sites', { name });
  return t('imports:wrongKind.scenario', { name, format: list === 'geojson' ? 'GeoJSON' : 'CSV' });
}

// ---- formats by their first bytes ----------------------------------------------------------------

const starts = (b: Uint8Array, sig: readonly number[], from = 0): boolean => sig.every((x, i) => b[from + i] === x);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
// The head as Latin-1, to look for the names a zip lists (its first entries come first).
const latin1 = (b: Uint8Array, n: number): string => String.fromCharCode(...b.subarray(0, n));

/** The binary formats named in messages: each an `imports:binary.*` key. */
type BinaryFormat = 'ods' | 'numbers' | 'xlsx' | 'zip' | 'xls' | 'workbook' | 'pdf' | 'gzip' | 'arrow' | 'parquet' | 'utf32';

/** The message for a binary format: what the file named `name` is, and what to do. */
const binaryMessage = (name: string, format: BinaryFormat): string => t(`imports:binary.${format}`, { name });

/**
 * A binary format named by its magic number (or a spreadsheet by its extension). Undefined for
 * anything that may be text.
 */
function binaryFormat(b: Uint8Array, fileName: string): BinaryFormat | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (starts(b, ascii('PK\u0003\u0004')) || starts(b, ascii('PK\u0005\u0006'))) {
    const names = latin1(b, 4096);
    if (ext === 'ods' || names.includes('opendocument.spreadsheet')) return 'ods';
    if (ext === 'numbers' || names.includes('Index/')) return 'numbers';
    if (ext === 'xlsx' || ext === 'xlsm' || names.includes('xl/') || names.includes('[Content_Types].xml')) return 'xlsx';
    return 'zip';
  }
  if (starts(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'xls';
  if (['xlsx', 'xlsm', 'xls', 'ods', 'numbers'].includes(ext)) return 'workbook';
  if (starts(b, ascii('%PDF-'))) return 'pdf';
  if (starts(b, [0x1f, 0x8b])) return 'gzip';
  if (starts(b, ascii('ARROW1')) || starts(b, [0xff, 0xff, 0xff, 0xff])) return 'arrow';
  if (starts(b, ascii('PAR1'))) return 'parquet';
  if (starts(b, [0xff, 0xfe, 0, 0]) || starts(b, [0, 0, 0xfe, 0xff])) return 'utf32';
  return undefined;
}

/**
 * UTF-16 by its byte-order mark, or without one by its NULs: ASCII text in UTF-16LE has a NUL
 * at every odd offset (BE: every even one), which no UTF-8 text has.
 */
function utf16Order(b: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (starts(b, [0xff, 0xfe])) return 'utf-16le';
  if (starts(b, [0xfe, 0xff])) return 'utf-16be';
  const pairs = Math.floor(Math.min(b.length, 4096) / 2);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  if (pairs === 0 || Math.abs(odd - even) < pairs * 0.3) return undefined;
  return odd > even ? 'utf-16le' : 'utf-16be';
}

/**
 * Offset of the first sequence that is not UTF-8 (WHATWG rules), from `from`: its lead byte, which
 * in a Windows-1252 file is the accented letter itself.
 */
function badUtf8At(b: Uint8Array, from: number): number {
  let i = from;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (n === 0) return i;
    // The second byte's range is narrower after E0, ED, F0 and F4 (overlongs, surrogates, > U+10FFFF).
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return b.length - 1;
}

/**
 * The same check on text a caller has decoded already (parseSitesText): a workbook's magic
 * survives as characters, and a spreadsheet's extension says enough.
 */
export function textFormatProblem(fileName: string, text: string): FileProblem | undefined {
  const head = Uint8Array.from(text.slice(0, 4096), (c) => c.charCodeAt(0) & 0xff);
  const format = binaryFormat(head, fileName);
  return format ? { code: 'binary', message: binaryMessage(nameOf(fileName), format) } : undefined;
}

/** UTF-8 size of a string without allocating an encoded copy of a possibly huge one. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

// ---- bytes → text ------------------------------------------------------------------------------

const line = (bytes: Uint8Array, end: number): number => {
  let n = 1;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) n++;
  return n;
};
const at = (offset: number, bytes: Uint8Array): string =>
  t('imports:at', { byte: numberFormat().format(offset + 1), line: numberFormat().format(line(bytes, offset)) });

function decode(encoding: TextEncodingName, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

const binary = (name: string, detail: string): FileProblem => ({
  code: 'binary',
  message: t('imports:binary.data', { name, detail }),
});

function utf16(name: string, bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', bom: boolean): FileTextResult {
  const text = decode(encoding, bytes.subarray(bom ? 2 : 0, bytes.length - (bytes.length % 2)));
  if (text === undefined || bytes.length % 2 === 1) {
    const msg = t('imports:encoding.utf16', { name, encoding: encoding.toUpperCase() });
    return { ok: false, problem: { code: 'encoding', message: msg } };
  }
  // Without a BOM the guess rests on NULs; a control character then says it was binary after all.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  const nul = text.search(bom ? /\u0000/ : /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  if (nul >= 0) {
    const n = numberFormat().format(nul + 1);
    return { ok: false, problem: binary(name, t(bom ? 'imports:binary.nulChar' : 'imports:binary.controlChar', { n })) };
  }
  return { ok: true, text, encoding };
}

/**
 * A file's bytes as text. `size` is the whole file's size where `bytes` is only its first
 * HEAD_BYTES (a file over the limit is not read in full): the answer is then always a problem,
 * but one that says what the file is when its head shows it. `expected` is the kind the caller
 * wants (the CLI's --sites); without it (the page's Import) the kind is guessed from the head.
 */
export function fileText(fileName: string, bytes: Uint8Array, expected?: FileKind, size = bytes.length): FileTextResult {
  const name = nameOf(fileName);
  const format = binaryFormat(bytes, fileName);
  if (format) return { ok: false, problem: { code: 'binary', message: binaryMessage(name, format) } };
  if (size > MAX_IMPORT_BYTES) {
    const head = new TextDecoder(utf16Order(bytes) ?? 'utf-8').decode(bytes.subarray(0, HEAD_BYTES));
    const wrong = expected ? kindProblem(fileName, head, expected) : undefined;
    return { ok: false, problem: wrong ?? (fileSizeProblem(fileName, size, expected ?? guessKind(fileName, head)) as FileProblem) };
  }
  const order = utf16Order(bytes);
  if (order) return utf16(name, bytes, order, bytes[0] === 0xff || bytes[0] === 0xfe);
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { ok: false, problem: binary(name, t('imports:binary.nulByte', { at: at(nul, bytes) })) };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const text = decode('utf-8', bytes.subarray(bom));
  if (text !== undefined) return { ok: true, text, encoding: 'utf-8' };
  const bad = badUtf8At(bytes, bom);
  const byte = bytes[bad]?.toString(16).toUpperCase().padStart(2, '0') ?? '??';
  return {
    ok: false,
    problem: {
      code: 'encoding',
      message: t('imports:encoding.notUtf8', { name, byte, at: at(bad, bytes) }),
    },
  };
}
