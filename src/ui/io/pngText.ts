// An exported PNG carries its caption as text too (iTXt chunks, UTF-8 so Japanese survives, with the
// PNG spec's keywords Title, Description, Source, Software): the words drawn in the band are then
// searchable and readable by tools, and a test can check them without reading pixels.
import type { Caption } from './caption';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The IEND chunk: length 0, type, CRC; always the file's last 12 bytes. */
const IEND_BYTES = 12;

let crcTable: Uint32Array | undefined;
/** CRC-32 as PNG uses it (ISO 3309, polynomial 0xEDB88320). */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One uncompressed iTXt chunk (length, type, data, CRC). `keyword` is ASCII, 1–79 characters. */
export function itxtChunk(keyword: string, text: string): Uint8Array {
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword)) throw new Error(`PNG text keyword ${JSON.stringify(keyword)}: 1–79 printable ASCII characters`);
  const enc = new TextEncoder();
  // keyword \0, compression flag 0, method 0, language tag "" \0, translated keyword "" \0, text.
  const data = new Uint8Array([...enc.encode(keyword), 0, 0, 0, 0, 0, ...enc.encode(text)]);
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(enc.encode('iTXt'), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** `png` with the text chunks inserted before IEND. */
export function addPngText(png: Uint8Array, entries: Readonly<Record<string, string>>): Uint8Array<ArrayBuffer> {
  if (png.length < PNG_SIGNATURE.length + IEND_BYTES || PNG_SIGNATURE.some((b, i) => png[i] !== b)) throw new Error('not a PNG file');
  const chunks = Object.entries(entries).map(([k, v]) => itxtChunk(k, v));
  const at = png.length - IEND_BYTES;
  const out = new Uint8Array(png.length + chunks.reduce((n, c) => n + c.length, 0));
  out.set(png.subarray(0, at), 0);
  let p = at;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  out.set(png.subarray(at), p);
  return out;
}

/** Every iTXt chunk of a PNG, keyword → text (what addPngText wrote, or any other tool). */
export function readPngText(png: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const dec = new TextDecoder();
  for (let p = PNG_SIGNATURE.length; p + 12 <= png.length; ) {
    const len = view.getUint32(p);
    const type = dec.decode(png.subarray(p + 4, p + 8));
    if (type === 'iTXt') {
      const data = png.subarray(p + 8, p + 8 + len);
      const z = data.indexOf(0);
      // Skip flag, method, then the language tag and translated keyword (each ends in \0).
      let q = z + 3;
      q = data.indexOf(0, q) + 1;
      q = data.indexOf(0, q) + 1;
      out[dec.decode(data.subarray(0, z))] = dec.decode(data.subarray(q));
    }
    p += 12 + len;
  }
  return out;
}

/** The caption as PNG text: the title, the rest of the band line by line, the sources. */
export function captionPngText(c: Caption): Record<string, string> {
  const key = c.key.map((k) => k.label);
  const knobs = c.knobs.length ? [c.knobsHeading, ...c.knobs] : [];
  return { Title: c.title, Description: [c.subtitle, ...key, ...knobs].join('\n'), Source: c.sources, Software: 'Headroom' };
}
