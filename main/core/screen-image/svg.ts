/**
 * Draws a {@link ScreenSnapshot} as SVG: a dark background, cell backgrounds, text in the
 * monospace font (bold, italic, dim, underline, strikethrough, inverse), and the cursor as a
 * block outline. A pure function of the snapshot, the theme and the font metrics.
 *
 * The palette is the desk terminal's (renderer/src/terminal/theme.ts), so the picture on the phone
 * looks like the tab; entries 16–255 are xterm's 6×6×6 cube and grey ramp
 * (https://invisible-island.net/xterm/xterm.faq.html#color_by_number).
 */
import type { FontMetrics } from './font.js';
import type { CellColor, ScreenSnapshot, ScreenSpan } from './snapshot.js';

/** Colours of the picture. */
export interface ScreenTheme {
  background: string;
  foreground: string;
  cursor: string;
  /** The 16 ANSI colours, black to bright white. */
  ansi: readonly string[];
}

/** The desk terminal's theme. */
export const DESK_THEME: ScreenTheme = {
  background: '#0e1116',
  foreground: '#d5d9e2',
  cursor: '#e8c47a',
  ansi: [
    '#1c2129',
    '#f07178',
    '#9ece6a',
    '#e8c47a',
    '#6c9bf5',
    '#c39af4',
    '#5ccfe6',
    '#c6cbd6',
    '#5c6573',
    '#ff8d94',
    '#b5e48c',
    '#ffd88a',
    '#8fb4ff',
    '#d7b8ff',
    '#89e3f5',
    '#f2f4f8',
  ],
};

/** Layout of the picture in px. */
export interface ScreenLayout {
  fontFamily: string;
  /** Font size, px. */
  fontSize: number;
  metrics: FontMetrics;
  /** Line height as a multiple of the font's ascent + descent (≥ 1). */
  lineHeight: number;
  /** Border around the cells, px. */
  padding: number;
}

/** Sizes derived from a layout: one cell and the whole picture, px. */
export interface ScreenGeometry {
  cellWidth: number;
  cellHeight: number;
  baseline: number;
  width: number;
  height: number;
}

const hex = (n: number) => n.toString(16).padStart(2, '0');

/** The CSS colour of palette entry 0–255. */
export function paletteColor(index: number, theme: ScreenTheme): string {
  if (index < 16) return theme.ansi[index] ?? theme.foreground;
  if (index < 232) {
    const i = index - 16;
    const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
    return `#${hex(level(Math.floor(i / 36)))}${hex(level(Math.floor(i / 6) % 6))}${hex(level(i % 6))}`;
  }
  const grey = 8 + (index - 232) * 10;
  return `#${hex(grey)}${hex(grey)}${hex(grey)}`;
}

function color(c: CellColor, fallback: string, theme: ScreenTheme): string {
  if (c.kind === 'palette') return paletteColor(c.index & 0xff, theme);
  if (c.kind === 'rgb') return `#${(c.rgb & 0xffffff).toString(16).padStart(6, '0')}`;
  return fallback;
}

function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // XML 1.0 forbids C0 controls other than tab, LF and CR.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ' ')
  );
}

/** Cell and picture sizes of a snapshot in a layout. */
export function geometry(snapshot: ScreenSnapshot, layout: ScreenLayout): ScreenGeometry {
  const { metrics, fontSize } = layout;
  const cellWidth = metrics.advance * fontSize;
  const cellHeight = Math.ceil(
    (metrics.ascent + metrics.descent) * fontSize * Math.max(1, layout.lineHeight),
  );
  const baseline =
    (cellHeight - (metrics.ascent + metrics.descent) * fontSize) / 2 + metrics.ascent * fontSize;
  return {
    cellWidth,
    cellHeight,
    baseline,
    width: Math.ceil(snapshot.cols * cellWidth + 2 * layout.padding),
    height: Math.ceil(snapshot.rows * cellHeight + 2 * layout.padding),
  };
}

const f = (n: number) => (Math.round(n * 100) / 100).toString();

function spanColors(span: ScreenSpan, theme: ScreenTheme): { fg: string; bg: string | null } {
  let fg = color(span.fg, theme.foreground, theme);
  let bg: string | null = span.bg.kind === 'default' ? null : color(span.bg, theme.background, theme);
  if (span.inverse) {
    const swapped = bg ?? theme.background;
    bg = fg;
    fg = swapped;
  }
  return { fg, bg };
}

/**
 * The SVG document of a snapshot.
 * @returns SVG text; its size is {@link geometry}'s width × height in px.
 */
export function screenSvg(
  snapshot: ScreenSnapshot,
  layout: ScreenLayout,
  theme: ScreenTheme = DESK_THEME,
): string {
  const g = geometry(snapshot, layout);
  const x0 = layout.padding;
  const y0 = layout.padding;
  const backgrounds: string[] = [];
  const texts: string[] = [];
  const decorations: string[] = [];
  snapshot.lines.forEach((spans, row) => {
    const top = y0 + row * g.cellHeight;
    for (const span of spans) {
      const { fg, bg } = spanColors(span, theme);
      const left = x0 + span.col * g.cellWidth;
      const width = span.cells * g.cellWidth;
      if (bg)
        backgrounds.push(
          `<rect x="${f(left)}" y="${top}" width="${f(width)}" height="${g.cellHeight}" fill="${bg}"/>`,
        );
      if (span.invisible || !span.text.trim()) continue;
      const attrs = [
        `fill="${fg}"`,
        span.bold ? 'font-weight="bold"' : '',
        span.italic ? 'font-style="italic"' : '',
        span.dim ? 'fill-opacity="0.6"' : '',
      ]
        .filter(Boolean)
        .join(' ');
      const baseline = f(top + g.baseline);
      if (span.wide) {
        // A wide character (CJK, emoji) gets its two cells; its glyph keeps its own width.
        texts.push(`<text x="${f(left)}" y="${baseline}" ${attrs}>${escapeXml(span.text)}</text>`);
      } else {
        texts.push(
          `<text x="${f(left)}" y="${baseline}" textLength="${f(width)}" lengthAdjust="spacingAndGlyphs" ${attrs}>${escapeXml(span.text)}</text>`,
        );
      }
      if (span.underline)
        decorations.push(
          `<rect x="${f(left)}" y="${f(top + g.baseline + 2)}" width="${f(width)}" height="1" fill="${fg}"/>`,
        );
      if (span.strikethrough)
        decorations.push(
          `<rect x="${f(left)}" y="${f(top + g.baseline - layout.fontSize * 0.3)}" width="${f(width)}" height="1" fill="${fg}"/>`,
        );
    }
  });
  const cursor = snapshot.cursor
    ? `<rect x="${f(x0 + snapshot.cursor.col * g.cellWidth + 0.5)}" y="${f(y0 + snapshot.cursor.row * g.cellHeight + 0.5)}" width="${f(g.cellWidth - 1)}" height="${g.cellHeight - 1}" fill="${theme.cursor}" fill-opacity="0.5" stroke="${theme.cursor}"/>`
    : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${g.width}" height="${g.height}" viewBox="0 0 ${g.width} ${g.height}">`,
    `<rect width="100%" height="100%" fill="${theme.background}"/>`,
    ...backgrounds,
    `<g font-family="${escapeXml(layout.fontFamily)}" font-size="${layout.fontSize}" xml:space="preserve">`,
    ...texts,
    '</g>',
    ...decorations,
    cursor,
    '</svg>',
  ].join('\n');
}
