/**
 * The real headless host process (`node dist/headless/cli.js`, built by `npm test`) on a fresh
 * data dir and on a corrupt settings file (issue 8, items 6 and 7).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bridgeProtocols } from '../../../contract/ws-auth.js';
import type { HostInfo } from '../../../contract/bridge.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const running: ChildProcess[] = [];
const dirs: string[] = [];

/** Starts the host on `dataDir`; resolves with its URL, or rejects with its stderr if it exits. */
function startHost(dataDir: string): Promise<{ url: string; proc: ChildProcess; stderr: () => string }> {
  const proc = spawn(
    process.execPath,
    [path.join(ROOT, 'dist/headless/cli.js'), '--port', '0', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AGENT_PAGER_TELEGRAM_API_ROOT: 'http://127.0.0.1:9' },
    },
  );
  running.push(proc);
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line in 20 s; stderr:\n${err}`)), 20_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, proc, stderr: () => err });
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}; stderr:\n${err}`));
    });
  });
}

async function hostInfo(url: string): Promise<HostInfo> {
  const u = new URL(url);
  const ws = new WebSocket(`ws://${u.host}/bridge`, bridgeProtocols(u.searchParams.get('token')!));
  await new Promise((r, j) => ws.once('open', r).once('error', j));
  const reply = new Promise<HostInfo>((resolve) =>
    ws.on('message', (d) => {
      const f = JSON.parse(d.toString());
      if (f.t === 'res' && f.id === 1) resolve(f.result);
    }),
  );
  ws.send(JSON.stringify({ t: 'req', id: 1, name: 'host.info', params: {} }));
  const info = await reply;
  ws.close();
  return info;
}

function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'ap-cli-'));
  dirs.push(d);
  return d;
}

afterEach(async () => {
  for (const p of running.splice(0)) {
    if (p.exitCode === null && p.signalCode === null) {
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGTERM');
      await exited;
    }
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const mode = (p: string) => statSync(p).mode & 0o777;

describe('headless host data dir', () => {
  it('creates a new data dir 0700 with settings.json 0600', { timeout: 30_000 }, async () => {
    const dataDir = path.join(tempDir(), 'agent-pager');
    const { url } = await startHost(dataDir);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'settings.json'))).toBe(0o600);
    expect((await hostInfo(url)).notices).toEqual([]);
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
      const { url, stderr } = await startHost(dataDir);
      const aside = readdirSync(dataDir).find((f) => f.startsWith('settings.json.corrupt-'));
      expect(aside).toBeDefined();
      expect(readFileSync(path.join(dataDir, aside!), 'utf8')).toBe(content);
      const info = await hostInfo(url);
      expect(info.notices.join(' ')).toContain(`The unreadable file was kept as ${aside}`);
      expect(stderr()).toContain('settings.json could not be read');
    },
  );
});
