import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentDiscovery, discoverAgents, parseVersion } from '../../../../main/core/agents/discovery.js';
import { AGENTS_BIN_DIR } from '../../../support/agent-bins.js';

let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-discovery-'));
  // A fake `gemini` that never answers --version, to prove the time-out.
  await fs.writeFile(path.join(dir, 'gemini'), '#!/bin/sh\nexec sleep 30\n', { mode: 0o755 });
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('agent discovery', () => {
  it('reads versions from real --version outputs', () => {
    expect(parseVersion('codex-cli 0.169.0\n')).toBe('0.169.0');
    expect(parseVersion('2.1.197 (Claude Code)')).toBe('2.1.197');
    expect(parseVersion('0.61.0-nightly.20260101\n')).toBe('0.61.0-nightly.20260101');
    expect(parseVersion('no version here')).toBeNull();
  });

  it('finds the real CLIs on PATH with their versions', async () => {
    const found = await discoverAgents(`${AGENTS_BIN_DIR}:/usr/bin:/bin`);
    const byKind = Object.fromEntries(found.map((a) => [a.kind, a]));
    expect(byKind.claude?.version).toBe('2.1.197');
    expect(byKind.codex?.version).toBe('0.169.0');
    expect(byKind.gemini?.version).toBe('0.61.0');
    expect(byKind.codex?.path).toBe(path.join(AGENTS_BIN_DIR, 'codex'));
  }, 30_000);

  it('reports missing agents with their install command, and a hung one without a version', async () => {
    const started = Date.now();
    const found = await discoverAgents(`${dir}:/usr/bin:/bin`, { timeoutMs: 500 });
    expect(Date.now() - started).toBeLessThan(5000);
    const byKind = Object.fromEntries(found.map((a) => [a.kind, a]));
    expect(byKind.claude).toMatchObject({
      path: null,
      version: null,
      installCommand: 'npm i -g @anthropic-ai/claude-code',
    });
    expect(byKind.codex?.installCommand).toBe('npm i -g @openai/codex');
    expect(byKind.gemini).toMatchObject({ path: path.join(dir, 'gemini'), version: null });
  });

  it('answers from its cache until asked to refresh', async () => {
    let runs = 0;
    const d = new AgentDiscovery(
      () => ({ PATH: dir }),
      async () => {
        runs++;
        return '9.9.9';
      },
    );
    await Promise.all([d.list(), d.list()]);
    expect(runs).toBe(1);
    expect((await d.list()).find((a) => a.kind === 'gemini')?.version).toBe('9.9.9');
    expect(runs).toBe(1);
    await d.list(true);
    expect(runs).toBe(2);
  });
});
