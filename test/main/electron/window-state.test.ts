import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_SIZE, restoreWindow, type Rect } from '../../../main/electron/window-state.js';

const laptop: Rect = { x: 0, y: 25, width: 1440, height: 875 };
const external: Rect = { x: 1440, y: 0, width: 2560, height: 1440 };

describe('restoreWindow', () => {
  it('restores saved bounds that are on a display, with the maximized flag', () => {
    const saved = { x: 1600, y: 100, width: 1200, height: 800, maximized: true };
    expect(restoreWindow(saved, [laptop, external], laptop)).toEqual({
      bounds: { x: 1600, y: 100, width: 1200, height: 800 },
      maximized: true,
    });
  });

  it('re-centers on the primary display when the saved display is gone', () => {
    const saved = { x: 1600, y: 100, width: 1200, height: 800, maximized: false };
    expect(restoreWindow(saved, [laptop], laptop)).toEqual({
      bounds: { x: 120, y: 63, width: 1200, height: 800 },
      maximized: false,
    });
  });

  it('counts a window whose title bar is off-screen as not visible', () => {
    const aboveTop = { x: 100, y: -700, width: 1000, height: 720 };
    expect(restoreWindow(aboveTop, [laptop], laptop).bounds.y).toBeGreaterThanOrEqual(laptop.y);
    const sliver = { x: 1400, y: 100, width: 1000, height: 720 };
    expect(restoreWindow(sliver, [laptop], laptop).bounds.x).toBe(220);
  });

  it('uses the default size, shrunk to fit, for missing or invalid saved data', () => {
    const first = restoreWindow(undefined, [laptop], laptop);
    expect(first.bounds).toMatchObject(DEFAULT_WINDOW_SIZE);
    expect(restoreWindow({ x: 'a' }, [laptop], laptop).maximized).toBe(false);
    const small: Rect = { x: 0, y: 0, width: 800, height: 600 };
    expect(restoreWindow(null, [small], small).bounds).toEqual({ x: 0, y: 0, width: 800, height: 600 });
    expect(restoreWindow({ x: 0, y: 0, width: 10, height: 10 }, [small], small).bounds.width).toBe(800);
  });
});
