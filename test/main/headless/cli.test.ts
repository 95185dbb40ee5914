/**
 * The real headless host process (`node dist/headless/cli.js`, built by `npm test`) on a fresh
 * data dir and on a corrupt settings file (issue 8, items 6 and 7).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostInfo } from '../../../contract/bridge.js';
import { BridgeTestClient, startHostProcess, type HostProcess } from '../../support/headless-process.js';

const dirs: string[] = [];
const hosts: HostProcess[] = [];

async function startHost(dataDir: string): Promise<HostProcess> {
  const host = await startHostProcess(dataDir);
  hosts.push(host);
  return host;
}

async function hostInfo(host: HostProcess): Promise<HostInfo> {
  const client = new BridgeTestClient(host);
  const reply = await client.request('host.info', {});
  client.close();
  return reply.result as HostInfo;
}

function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'ap-cli-'));
  dirs.push(d);
  return d;
}

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stop()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const mode = (p: string) => statSync(p).mode & 0o777;

describe('headless host data dir', () => {
  it('creates a new data dir 0700 with settings.json 0600', { timeout: 30_000 }, async () => {
    const dataDir = path.join(tempDir(), 'agent-pager');
    const host = await startHost(dataDir);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'settings.json'))).toBe(0o600);
    expect((await hostInfo(host)).notices).toEqual([]);
  });

  it.each([
    ['garbage', 'garbage {'],
    ['an empty file', ''],
    ['binary', '\u0000\u0001\u00ff\u0000'],
  ])(
    'starts with defaults when settings.json holds %s, keeps the file aside, and says so',
    { timeout: 30_000 },
    async (_w, content) => {
      const dataDir = tempDir();
      writeFileSync(path.join(dataDir, 'settings.json'), content, { mode: 0o644 });
      // Before the fix the host refused to start ("Agent Pager could not start: … JSON").
      const host = await startHost(dataDir);
      const aside = readdirSync(dataDir).find((f) => f.startsWith('settings.json.corrupt-'));
      expect(aside).toBeDefined();
      expect(readFileSync(path.join(dataDir, aside!), 'utf8')).toBe(content);
      const info = await hostInfo(host);
      expect(info.notices.join(' ')).toContain(`The unreadable file was kept as ${aside}`);
      expect(host.stderr()).toContain('settings.json could not be read');
    },
  );
});
