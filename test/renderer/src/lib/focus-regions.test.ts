import { describe, expect, it } from 'vitest';
import { nextRegion } from '../../../../renderer/src/lib/focus-regions.js';

describe('nextRegion (F6)', () => {
  it('cycles tabs → terminal → panel → top-bar buttons and wraps', () => {
    const all = ['tabs', 'terminal', 'panel', 'actions'] as const;
    expect(nextRegion('terminal', all, 1)).toBe('panel');
    expect(nextRegion('actions', all, 1)).toBe('tabs');
    expect(nextRegion('tabs', all, -1)).toBe('actions');
  });

  it('skips regions that are not there (no side panel open, no tabs)', () => {
    expect(nextRegion('terminal', ['tabs', 'terminal', 'actions'], 1)).toBe('actions');
    expect(nextRegion('actions', ['actions'], 1)).toBe('actions');
    expect(nextRegion(null, ['tabs', 'terminal'], 1)).toBe('tabs');
    expect(nextRegion(null, ['tabs', 'terminal'], -1)).toBe('terminal');
    expect(nextRegion(null, [], 1)).toBeNull();
  });
});
