import { describe, expect, it } from 'vitest';
import type { AgentAvailability } from '../../../../contract/bridge.js';
import { availabilityHint, defaultAgent } from '../../../../renderer/src/lib/presets.js';

const agent = (kind: AgentAvailability['kind'], installed: boolean, version: string | null = '1.2.3') => ({
  kind,
  command: kind,
  path: installed ? `/usr/bin/${kind}` : null,
  version: installed ? version : null,
  installCommand: `npm i -g ${kind}-pkg`,
});

describe('the New session dialog default agent', () => {
  const onlyCodex = [agent('claude', false), agent('codex', true), agent('gemini', false)];

  it('keeps the last used agent when it is installed, or is the shell or a custom command', () => {
    expect(defaultAgent('codex', onlyCodex)).toBe('codex');
    expect(defaultAgent('shell', onlyCodex)).toBe('shell');
    expect(defaultAgent('custom', onlyCodex)).toBe('custom');
  });

  it('never defaults to a missing agent: the first installed one, else the shell', () => {
    expect(defaultAgent('gemini', onlyCodex)).toBe('codex');
    expect(defaultAgent(null, onlyCodex)).toBe('codex');
    expect(
      defaultAgent('claude', [agent('claude', false), agent('codex', false), agent('gemini', false)]),
    ).toBe('shell');
  });

  it('uses the last used one (or Claude Code) while the host has not answered', () => {
    expect(defaultAgent('gemini', null)).toBe('gemini');
    expect(defaultAgent('nonsense', null)).toBe('claude');
  });

  it('shows the version of an installed agent and the install command of a missing one', () => {
    expect(availabilityHint(agent('codex', true, '0.169.0'))).toBe('v0.169.0');
    expect(availabilityHint(agent('codex', true, null))).toBe('installed');
    expect(availabilityHint(agent('gemini', false))).toBe('Not installed: npm i -g gemini-pkg');
  });
});
