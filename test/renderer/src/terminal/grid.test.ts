import { describe, expect, it } from 'vitest';
import { DEFAULT_GRID, gridFor } from '../../../../renderer/src/terminal/grid.js';

describe('gridFor', () => {
  it('fits whole cells into the area', () => {
    expect(gridFor(800, 480, { width: 8, height: 16 })).toEqual({ cols: 100, rows: 30 });
    expect(gridFor(805, 495, { width: 8, height: 16 })).toEqual({ cols: 100, rows: 30 });
  });

  it('falls back to 80x24 when nothing can be measured', () => {
    expect(gridFor(0, 0, { width: 8, height: 16 })).toEqual(DEFAULT_GRID);
    expect(gridFor(800, 600, { width: 0, height: 0 })).toEqual(DEFAULT_GRID);
  });

  it('stays within the contract limits', () => {
    expect(gridFor(100_000, 100_000, { width: 1, height: 1 })).toEqual({ cols: 1000, rows: 500 });
    expect(gridFor(5, 5, { width: 8, height: 16 })).toEqual({ cols: 2, rows: 1 });
  });
});
