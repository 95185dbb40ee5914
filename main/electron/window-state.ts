/**
 * Window size and position: validated when read back from the store, and restored only where a
 * display can show it (a monitor unplugged since last time must not strand the window off-screen).
 * Pure, so it is unit-tested under Node; window.ts feeds it `screen.getAllDisplays()` work areas.
 */
import { z } from 'zod';

/** A rectangle in screen DIPs (device-independent pixels). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Smallest window, in DIPs, also used as BrowserWindow minWidth/minHeight. */
export const MIN_WINDOW_WIDTH = 480;
/** Smallest window height, in DIPs. */
export const MIN_WINDOW_HEIGHT = 320;
/** Size of a first window, in DIPs. */
export const DEFAULT_WINDOW_SIZE = { width: 1100, height: 720 } as const;
/** How much of the saved window's top strip (title bar, 32 DIPs tall) must be on a display: 120 × 32 DIPs. */
export const MIN_VISIBLE = { width: 120, height: 32 } as const;

/** What is persisted under the store key `window`. */
export const savedWindowSchema = z.object({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(MIN_WINDOW_WIDTH).max(20_000),
  height: z.number().int().min(MIN_WINDOW_HEIGHT).max(20_000),
  maximized: z.boolean().default(false),
});
export type SavedWindow = z.infer<typeof savedWindowSchema>;

/** Bounds to open the window with, and whether to maximize it. */
export interface RestoredWindow {
  bounds: Rect;
  maximized: boolean;
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/** True when at least {@link MIN_VISIBLE} of the window's title strip lies on one work area. */
export function isTitleBarVisible(bounds: Rect, workAreas: Rect[]): boolean {
  const strip: Rect = { x: bounds.x, y: bounds.y, width: bounds.width, height: MIN_VISIBLE.height };
  return workAreas.some((area) => {
    const o = overlap(strip, area);
    return o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height;
  });
}

function centered(size: { width: number; height: number }, area: Rect): Rect {
  const width = Math.max(Math.min(size.width, area.width), Math.min(MIN_WINDOW_WIDTH, area.width));
  const height = Math.max(Math.min(size.height, area.height), Math.min(MIN_WINDOW_HEIGHT, area.height));
  return {
    x: Math.round(area.x + (area.width - width) / 2),
    y: Math.round(area.y + (area.height - height) / 2),
    width,
    height,
  };
}

/**
 * Where to open the window: the saved bounds when they parse and their title bar is visible on
 * some work area; else the saved (or default) size centered on the primary work area, shrunk to
 * fit it. Invalid saved data is ignored.
 */
export function restoreWindow(saved: unknown, workAreas: Rect[], primary: Rect): RestoredWindow {
  const parsed = savedWindowSchema.safeParse(saved);
  if (!parsed.success) return { bounds: centered(DEFAULT_WINDOW_SIZE, primary), maximized: false };
  const { maximized, ...bounds } = parsed.data;
  if (isTitleBarVisible(bounds, workAreas)) return { bounds, maximized };
  return { bounds: centered(bounds, primary), maximized };
}
