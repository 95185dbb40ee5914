/**
 * Renders a {@link ScreenSnapshot} to a PNG: SVG from `svg.ts`, rasterised by `@resvg/resvg-js`
 * (https://github.com/thx/resvg-js) off the main thread (`renderAsync` runs in libuv's pool), with
 * the monospace font of `font.ts` loaded from its file and the system fonts as fallback for glyphs
 * it lacks. The native renderer loads on the first picture, not at startup: most hosts never draw
 * one, and its library would sit in the host's memory all day.
 *
 * Bounded: the snapshot is cut to {@link MAX_IMAGE_ROWS} × {@link MAX_IMAGE_COLS} cells before
 * drawing, and a render taking longer than `timeoutMs` is aborted and rejected.
 */
import { monoFont } from './font.js';
import type { ScreenSnapshot } from './snapshot.js';
import { geometry, screenSvg, type ScreenLayout } from './svg.js';

/** Most rows drawn; more are cut at the bottom. */
export const MAX_IMAGE_ROWS = 200;
/** Most columns drawn; more are cut at the right. */
export const MAX_IMAGE_COLS = 300;
/** Default longest render, in ms. */
export const RENDER_TIMEOUT_MS = 5000;
/** Font size of the picture, px (the desk's 13 px, doubled by {@link IMAGE_SCALE}). */
export const IMAGE_FONT_SIZE = 13;
/** Pixel density: 2 draws every CSS px as 2×2 pixels, sharp on a phone's screen. */
export const IMAGE_SCALE = 2;

/** A rendered picture. */
export interface ScreenImage {
  png: Buffer;
  /** Size in pixels. */
  width: number;
  height: number;
}

/** Cuts a snapshot to the drawing limits. */
export function clampSnapshot(snapshot: ScreenSnapshot): ScreenSnapshot {
  if (snapshot.rows <= MAX_IMAGE_ROWS && snapshot.cols <= MAX_IMAGE_COLS) return snapshot;
  const rows = Math.min(snapshot.rows, MAX_IMAGE_ROWS);
  const cols = Math.min(snapshot.cols, MAX_IMAGE_COLS);
  const lines = snapshot.lines.slice(0, rows).map((spans) =>
    spans
      .filter((s) => s.col < cols)
      .map((s) => {
        if (s.col + s.cells <= cols) return s;
        const cells = cols - s.col;
        return { ...s, cells, text: Array.from(s.text).slice(0, cells).join('') };
      }),
  );
  const cursor =
    snapshot.cursor && snapshot.cursor.row < rows && snapshot.cursor.col < cols ? snapshot.cursor : null;
  return { cols, rows, lines, cursor };
}

/**
 * Draws a snapshot as a PNG.
 * @throws Error when resvg fails or takes longer than `timeoutMs` (then it is aborted).
 */
export async function renderScreenPng(
  snapshot: ScreenSnapshot,
  options: { timeoutMs?: number } = {},
): Promise<ScreenImage> {
  const font = monoFont();
  const layout: ScreenLayout = {
    fontFamily: font.family,
    fontSize: IMAGE_FONT_SIZE,
    metrics: font.metrics,
    lineHeight: 1.1,
    padding: 8,
  };
  const clamped = clampSnapshot(snapshot);
  const svg = screenSvg(clamped, layout);
  const { width, height } = geometry(clamped, layout);
  // Loaded before the render's time starts: the first load of the native module is not drawing.
  const { renderAsync } = await import('@resvg/resvg-js');
  const abort = new AbortController();
  const timeoutMs = options.timeoutMs ?? RENDER_TIMEOUT_MS;
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  try {
    const rendered = await renderAsync(
      svg,
      {
        font: {
          fontFiles: font.files,
          loadSystemFonts: true,
          defaultFontFamily: font.family,
          monospaceFamily: font.family,
        },
        fitTo: { mode: 'zoom', value: IMAGE_SCALE },
        shapeRendering: 2,
        textRendering: 1,
        logLevel: 'off',
      },
      abort.signal,
    );
    return {
      png: rendered.asPng(),
      width: Math.round(width * IMAGE_SCALE),
      height: Math.round(height * IMAGE_SCALE),
    };
  } catch (error) {
    if (abort.signal.aborted)
      throw new Error(`screen image took longer than ${timeoutMs} ms`, { cause: error });
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
