import { describe, expect, it } from 'vitest';
import { clip, headOf, tailOf, wellFormed } from '../../../../main/core/telegram/graphemes.js';

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('graphemes', () => {
  it('never splits an emoji, a flag or a ZWJ family, and stays within the budget', () => {
    const text = '😀👍🏽🇩🇪👨‍👩‍👧 done';
    for (let max = 0; max <= text.length; max++) {
      for (const cut of [headOf(text, max), tailOf(text, max), clip(text, Math.max(1, max))]) {
        expect(LONE.test(cut), JSON.stringify(cut)).toBe(false);
        expect(cut.length).toBeLessThanOrEqual(Math.max(1, max));
      }
    }
    expect(headOf(text, 5)).toBe('😀');
    expect(tailOf(text, 13)).toBe('👨‍👩‍👧 done');
    expect(tailOf(text, 12)).toBe(' done');
    expect(clip('😀😀😀', 4)).toBe('😀…');
  });

  it('replaces lone surrogates so the text can be sent as UTF-8', () => {
    expect(wellFormed('a\uD83Db\uDE00c😀')).toBe('a\uFFFDb\uFFFDc😀');
  });
});
