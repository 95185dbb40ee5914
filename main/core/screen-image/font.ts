/**
 * The monospace font the screen image is drawn with, and its real metrics read from the font
 * file: the advance width of a cell and the ascent/descent of a line, from the OpenType `head`,
 * `hhea` and `hmtx` tables (https://learn.microsoft.com/typography/opentype/spec/head,
 * https://learn.microsoft.com/typography/opentype/spec/hhea,
 * https://learn.microsoft.com/typography/opentype/spec/hmtx). TrueType collections (`.ttc`,
 * macOS's Menlo) use their first font (https://learn.microsoft.com/typography/opentype/spec/otff#ttc-header).
 *
 * The first installed font of {@link MONO_FONTS} wins; without any, the renderer falls back to
 * the generic `monospace` family and DejaVu Sans Mono's published proportions.
 */
import fs from 'node:fs';

/** A candidate font: its family name as the SVG names it and its files (regular, bold). */
interface FontCandidate {
  family: string;
  regular: string;
  bold: string | null;
}

/** Monospace fonts found on common systems, first match wins. */
export const MONO_FONTS: readonly FontCandidate[] = [
  ...['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/TTF', '/usr/share/fonts/dejavu'].map((dir) => ({
    family: 'DejaVu Sans Mono',
    regular: `${dir}/DejaVuSansMono.ttf`,
    bold: `${dir}/DejaVuSansMono-Bold.ttf`,
  })),
  {
    family: 'Liberation Mono',
    regular: '/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf',
    bold: '/usr/share/fonts/truetype/liberation/LiberationMono-Bold.ttf',
  },
  { family: 'Menlo', regular: '/System/Library/Fonts/Menlo.ttc', bold: null },
  {
    family: 'Consolas',
    regular: 'C:\\Windows\\Fonts\\consola.ttf',
    bold: 'C:\\Windows\\Fonts\\consolab.ttf',
  },
  { family: 'Courier New', regular: 'C:\\Windows\\Fonts\\cour.ttf', bold: 'C:\\Windows\\Fonts\\courbd.ttf' },
];

/** Metrics of a font as fractions of its em (multiply by the font size in px). */
export interface FontMetrics {
  /** Advance width of one cell. */
  advance: number;
  /** Height above the baseline. */
  ascent: number;
  /** Depth below the baseline (positive). */
  descent: number;
}

/** The font in use: family, files to load (may be empty) and metrics. */
export interface MonoFont {
  family: string;
  files: string[];
  metrics: FontMetrics;
}

/** DejaVu Sans Mono's metrics (unitsPerEm 2048, advance 1233, ascender 1901, descender −483). */
export const FALLBACK_METRICS: FontMetrics = {
  advance: 1233 / 2048,
  ascent: 1901 / 2048,
  descent: 483 / 2048,
};

/** Largest font file read, in bytes (Menlo.ttc is ~1.7 MB; CJK fonts are skipped). */
const MAX_FONT_BYTES = 16 * 1024 * 1024;

/**
 * Reads the cell advance (the most common advance width of `hmtx`), ascent and descent of an
 * OpenType/TrueType font or the first font of a collection.
 * @throws Error when the data is not a font or lacks the tables.
 */
export function readFontMetrics(data: Buffer): FontMetrics {
  let base = 0;
  if (data.toString('latin1', 0, 4) === 'ttcf') base = data.readUInt32BE(12);
  const numTables = data.readUInt16BE(base + 4);
  const tables = new Map<string, number>();
  for (let i = 0; i < numTables; i++) {
    const record = base + 12 + i * 16;
    tables.set(data.toString('latin1', record, record + 4), data.readUInt32BE(record + 8));
  }
  const head = tables.get('head');
  const hhea = tables.get('hhea');
  const hmtx = tables.get('hmtx');
  if (head === undefined || hhea === undefined || hmtx === undefined) throw new Error('not a font');
  const unitsPerEm = data.readUInt16BE(head + 18);
  const ascender = data.readInt16BE(hhea + 4);
  const descender = data.readInt16BE(hhea + 6);
  const metricsCount = data.readUInt16BE(hhea + 34);
  const counts = new Map<number, number>();
  for (let i = 0; i < metricsCount; i++) {
    const advance = data.readUInt16BE(hmtx + i * 4);
    if (advance > 0) counts.set(advance, (counts.get(advance) ?? 0) + 1);
  }
  const advance = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!unitsPerEm || !advance) throw new Error('font has no metrics');
  return {
    advance: advance / unitsPerEm,
    ascent: ascender / unitsPerEm,
    descent: Math.abs(descender) / unitsPerEm,
  };
}

let cached: MonoFont | null = null;

/** The first installed font of {@link MONO_FONTS} with its metrics (read once, then cached). */
export function monoFont(): MonoFont {
  if (cached) return cached;
  for (const candidate of MONO_FONTS) {
    try {
      if (fs.statSync(candidate.regular).size > MAX_FONT_BYTES) continue;
      const metrics = readFontMetrics(fs.readFileSync(candidate.regular));
      const files = [candidate.regular];
      if (candidate.bold && fs.existsSync(candidate.bold)) files.push(candidate.bold);
      cached = { family: candidate.family, files, metrics };
      return cached;
    } catch {
      // not installed or unreadable: try the next one
    }
  }
  cached = { family: 'monospace', files: [], metrics: FALLBACK_METRICS };
  return cached;
}
