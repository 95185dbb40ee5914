import { describe, expect, it } from 'vitest';
import { usageTooltip } from '../../../../renderer/src/components/SessionTab.js';
import { sessionInfo } from '../../../support/session-info.js';

describe("the tab's tooltip", () => {
  it('shows the session and last-turn token use and cost when the agent reports them', () => {
    const usage = {
      total: { input: 12_000, output: 3_000, cacheRead: 50_000, cacheWrite: 0, costUsd: 0.096 },
      lastTurn: { input: 1_200, output: 300, cacheRead: 5_000, cacheWrite: 1_000, costUsd: 0.01335 },
      model: 'claude-sonnet-4-5',
    };
    const text = usageTooltip(sessionInfo('s1', { usage }));
    expect(text).toContain('Session: 65k tokens (in 12k, out 3.0k, cache 50k) · ≈ $0.096');
    expect(text).toContain('Last turn: 7.5k tokens (in 1.2k, out 300, cache 6.0k) · ≈ $0.013');
  });

  it('is empty for agents that report nothing', () => {
    expect(usageTooltip(sessionInfo('s2'))).toBe('');
  });
});
