import { describe, expect, it } from 'vitest';
import { publicSettingsPatchSchema } from '../../../../contract/bridge.js';
import { AWAY_MINUTES, IDLE_SECONDS, parseIntInRange } from '../../../../renderer/src/lib/settings-input.js';

describe('parseIntInRange', () => {
  it('accepts whole numbers in range and refuses the rest with the range in the message', () => {
    expect(parseIntInRange(' 15 ', AWAY_MINUTES)).toEqual({ value: 15 });
    expect(parseIntInRange('0', AWAY_MINUTES)).toEqual({ error: 'Enter a whole number from 1 to 240.' });
    expect(parseIntInRange('2.5', IDLE_SECONDS)).toEqual({ error: 'Enter a whole number from 2 to 3600.' });
    expect(parseIntInRange('abc', IDLE_SECONDS)).toMatchObject({ error: expect.any(String) });
  });

  it('agrees with the contract at the edges', () => {
    for (const [range, field] of [
      [AWAY_MINUTES, 'awayAfterMinutes'],
      [IDLE_SECONDS, 'idleSeconds'],
    ] as const) {
      for (const n of [range.min - 1, range.min, range.max, range.max + 1]) {
        const ours = 'value' in parseIntInRange(String(n), range);
        const contract = publicSettingsPatchSchema.safeParse({ [field]: n }).success;
        expect(ours).toBe(contract);
      }
    }
  });
});
