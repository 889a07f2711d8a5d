// The pure parts of the image exports: the caption's words (moved knobs against the scenario's own
// values, sources capped and shortened, scenario and year), line breaking for Latin and Japanese,
// XML escaping, the caption band's height, and the PNG text chunks that carry the caption.
import { beforeAll, describe, expect, it } from 'vitest';
import { setLanguage } from '../../src/i18n/i18n';
import { KNOB_NAMES } from '../../src/scenario/names';
import type { Scenario } from '../../src/scenario/schema';
import { loadScenarioFile } from '../../src/scenario/validate';
import { buildCaption, knobChanges, MAX_KNOB_LINES, MAX_SOURCES, sourcesLine } from '../../src/ui/io/caption';
import { CaptionBand } from '../../src/ui/io/CaptionBand';
import { addPngText, captionPngText, crc32, itxtChunk, readPngText } from '../../src/ui/io/pngText';
import { num, tag, textTag, xml } from '../../src/ui/io/svgMarkup';
import { capList, shorten, wrapText } from '../../src/ui/io/textWrap';
import { effectiveKnobs, knobRanges } from '../../src/ui/knobs';

const presetPath = (preset: string): string => new URL(`../../public/data/scenarios/${preset}.json`, import.meta.url).pathname;
/** Every character 10 px wide: wrapping is then exact arithmetic. */
const fixed = (text: string): number => [...text].length * 10;

let uk: Scenario;
beforeAll(async () => {
  setLanguage('en');
  uk = await loadScenarioFile(presetPath('uk-2030'));
});

function valuesWith(scenario: Scenario, over: Partial<Record<(typeof KNOB_NAMES)[number], number>>): number[] {
  const knobs = effectiveKnobs(scenario, over);
  return KNOB_NAMES.map((n) => knobs[n]);
}

describe('knobChanges', () => {
  it('says nothing for the scenario as written, and names a moved knob with its value, unit and the scenario’s', () => {
    expect(knobChanges(uk, valuesWith(uk, {}))).toEqual([]);
    const base = knobRanges(uk).gridBuildoutScale.base;
    const lines = knobChanges(uk, valuesWith(uk, { gridBuildoutScale: base - 0.1 }));
    expect(lines).toEqual([`Grid build-out = ${(base - 0.1).toFixed(2)} × plan (scenario: ${base.toFixed(2)})`]);
  });

  it('ignores float noise but not a real step', () => {
    const base = knobRanges(uk).gridBuildoutScale.base;
    expect(knobChanges(uk, valuesWith(uk, { gridBuildoutScale: base + 1e-9 }))).toEqual([]);
    expect(knobChanges(uk, valuesWith(uk, { gridBuildoutScale: base + 0.05 }))).toHaveLength(1);
  });

  it('caps the list with "+N more"', () => {
    const values = KNOB_NAMES.map((n) => knobRanges(uk)[n].base + 0.5);
    const lines = knobChanges(uk, values);
    expect(lines).toHaveLength(MAX_KNOB_LINES + 1);
    expect(lines.at(-1)).toBe(`+${KNOB_NAMES.length - MAX_KNOB_LINES} more`);
  });
});

describe('sourcesLine and buildCaption', () => {
  it('lists at most MAX_SOURCES shortened titles, then the count left, Headroom and the link', () => {
    const line = sourcesLine(uk, 'https://example.org/?scenario=uk-2030');
    expect(line).toMatch(/^Sources: .+ · Headroom · https:\/\/example\.org\/\?scenario=uk-2030$/);
    const list = line.replace(/^Sources: /, '').split(' · ')[0] ?? '';
    const parts = list.split('; ');
    expect(parts.length).toBeLessThanOrEqual(MAX_SOURCES + 1);
    for (const p of parts.slice(0, MAX_SOURCES)) expect([...p].length).toBeLessThanOrEqual(48);
    expect(sourcesLine(undefined, 'u')).toBe('Sources: none given in the scenario · Headroom · u');
  });

  it('puts the scenario and year under the title, in the page language', () => {
    const c = buildCaption('Chart', [], { scenario: uk, knobValues: valuesWith(uk, {}), year: 2030, url: 'u' });
    expect(c.subtitle).toBe('UK to 2030 and beyond (2025–2035), 2030');
    expect(c.knobs).toEqual([]);
    setLanguage('ja');
    try {
      const ja = buildCaption('図', [], { scenario: uk, knobValues: undefined, year: 2030, url: 'u' });
      expect(ja.subtitle).toMatch(/、2030年$/);
      expect(ja.sources.startsWith('出典：')).toBe(true);
    } finally {
      setLanguage('en');
    }
  });
});

describe('wrapText, capList, shorten', () => {
  it('breaks Latin text at spaces, no line wider than the limit', () => {
    expect(wrapText('aaa bbb ccc dddd', 80, fixed)).toEqual(['aaa bbb', 'ccc dddd']);
    expect(wrapText('', 80, fixed)).toEqual([]);
    expect(wrapText('   ', 80, fixed)).toEqual([]);
  });

  it('breaks a word wider than the line where it must, and Japanese between characters', () => {
    expect(wrapText('abcdefghij', 40, fixed)).toEqual(['abcd', 'efgh', 'ij']);
    const ja = wrapText('計画中のデータセンター', 40, fixed);
    expect(ja.join('')).toBe('計画中のデータセンター');
    for (const line of ja) expect(fixed(line)).toBeLessThanOrEqual(40);
  });

  it('caps a list and shortens with an ellipsis', () => {
    expect(capList([1, 2, 3], 3, (n) => -n)).toEqual([1, 2, 3]);
    expect(capList([1, 2, 3, 4, 5], 2, (n) => -n)).toEqual([1, 2, -3]);
    expect(shorten('short', 10)).toBe('short');
    expect(shorten('a long source title', 8)).toBe('a long…');
    expect([...shorten('日本語のとても長い題名です', 6)]).toHaveLength(6);
  });
});

describe('svgMarkup', () => {
  it('escapes markup and drops characters XML forbids', () => {
    expect(xml(`A&B <"c"> 'd'`)).toBe('A&amp;B &lt;&quot;c&quot;&gt; &apos;d&apos;');
    expect(xml('a\u0000b\u001fc\ud800d')).toBe('abcd');
    expect(textTag({ x: 1.234, y: 5 }, '<site>')).toBe('<text x="1.23" y="5">&lt;site&gt;</text>');
    expect(tag('rect', { width: 10, fill: undefined })).toBe('<rect width="10"/>');
    expect(num(0.005)).toBe('0.01');
    expect(num(-3)).toBe('-3');
  });
});

describe('CaptionBand', () => {
  const measure = () => fixed;
  const caption = (knobs: string[]) => ({
    title: 'Title',
    subtitle: 'Scenario, 2030',
    key: [{ kind: 'fill' as const, colour: '#f00', label: 'a' }],
    knobsHeading: 'Knobs changed from the scenario:',
    knobs,
    sources: 'Sources: x · Headroom · u',
  });

  it('grows with what it holds and wraps to its width', () => {
    const none = new CaptionBand(400, measure).draw(caption([]));
    const two = new CaptionBand(400, measure).draw(caption(['k = 1', 'j = 2']));
    expect(two.height).toBeGreaterThan(none.height);
    const narrow = new CaptionBand(150, measure).draw(caption([]));
    expect(narrow.height).toBeGreaterThan(none.height);
    expect(none.body).toContain('>Title</text>');
    expect(two.body).toContain('>k = 1</text>');
  });
});

describe('PNG text chunks', () => {
  /** The smallest valid PNG layout for the chunk code: signature, IHDR, IEND (CRCs right). */
  function tinyPng(): Uint8Array {
    const chunk = (type: string, data: number[]) => {
      const out = new Uint8Array(12 + data.length);
      const v = new DataView(out.buffer);
      v.setUint32(0, data.length);
      out.set(new TextEncoder().encode(type), 4);
      out.set(data, 8);
      v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
      return [...out];
    };
    return new Uint8Array([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      ...chunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]),
      ...chunk('IEND', []),
    ]);
  }

  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
  });

  it('writes UTF-8 iTXt chunks before IEND and reads them back', () => {
    const png = addPngText(tinyPng(), { Title: '計画中 & <plan>', Source: 'Sources: a; b' });
    expect(new TextDecoder().decode(png.subarray(-8, -4))).toBe('IEND');
    expect(readPngText(png)).toEqual({ Title: '計画中 & <plan>', Source: 'Sources: a; b' });
    const c = itxtChunk('Title', 'x');
    const crc = new DataView(c.buffer).getUint32(c.length - 4);
    expect(crc).toBe(crc32(c.subarray(4, c.length - 4)));
  });

  it('refuses a bad keyword and a file that is not a PNG', () => {
    expect(() => itxtChunk('', 'x')).toThrow(/keyword/);
    expect(() => itxtChunk('Tïtle', 'x')).toThrow(/keyword/);
    expect(() => addPngText(new Uint8Array(30), {})).toThrow(/not a PNG/);
  });

  it('holds the caption: title, the rest line by line, sources', () => {
    const text = captionPngText({
      title: 'T',
      subtitle: 'S, 2030',
      key: [{ kind: 'text', label: 'K' }],
      knobsHeading: 'H:',
      knobs: ['k = 1'],
      sources: 'Sources: x',
    });
    expect(text).toEqual({ Title: 'T', Description: 'S, 2030\nK\nH:\nk = 1', Source: 'Sources: x', Software: 'Headroom' });
  });
});
