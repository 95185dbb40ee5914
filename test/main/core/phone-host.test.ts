/**
 * Writes from the phone are audited before they are asked of the PTY host, and not asked at all
 * when the audit line cannot be appended. Real bash in a real PTY inside a real PTY host (started
 * for the test, ended after it); the audit log is the real file (made unwritable for the failure
 * case). The order is recorded where the app hands a write to the PTY host.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRelayHost, type PhoneDeps } from '../../../main/core/phone-host.js';
import { RemoteSessions } from '../../../main/core/ptyhost/remote-sessions.js';
import { AuditLog, AUDIT_FILE } from '../../../main/core/settings/audit-log.js';
import { SettingsService } from '../../../main/core/settings/settings.js';
import { TurnTracker } from '../../../main/core/turns.js';
import type { RelayHost } from '../../../main/core/telegram/host.js';
import { testCoreOptions } from '../../support/core-options.js';
import { sleep, waitFor } from '../../support/wait.js';

let dir: string;
let sessions: RemoteSessions;
let audit: AuditLog;
let host: RelayHost;
let order: string[];
let logs: string[];

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-phone-host-'));
  order = [];
  logs = [];
  const options = testCoreOptions(dir);
  sessions = await RemoteSessions.connect({
    dataDir: dir,
    launch: options.ptyHost!,
    baseEnv: { ...process.env, HOME: dir, PS1: 'ready$ ' },
    hookRunner: options.hookRunner,
    idleSeconds: 3,
    legacySessions: [],
    prompts: { opened: () => {}, updated: () => {}, closed: () => {}, synced: () => {} },
    log: () => {},
  });
  audit = new AuditLog(dir);
  const append = audit.append.bind(audit);
  vi.spyOn(audit, 'append').mockImplementation((entry) => {
    order.push(`audit ${JSON.stringify(entry.sent)}`);
    append(entry);
  });
  for (const method of ['answer', 'sendKeys', 'write'] as const) {
    const real = sessions[method].bind(sessions) as (...args: unknown[]) => Promise<unknown>;
    vi.spyOn(sessions, method).mockImplementation(((...args: unknown[]) => {
      const data = method === 'answer' ? `option ${String(args[2])}` : String(args[1]);
      order.push(`${method} ${JSON.stringify(data)}`);
      return real(...args);
    }) as never);
  }
  const deps: PhoneDeps = {
    options,
    audit,
    sessions,
    attention: { shouldRelay: () => true },
    settings: new SettingsService(options.settings),
    turns: new TurnTracker({ agentOf: (id) => sessions.info(id)?.agent ?? null }),
    sessionPath: () => process.env.PATH,
    list: () => sessions.list(),
  };
  host = createRelayHost(
    deps,
    () => 555,
    (m) => logs.push(m),
  );
});

afterEach(async () => {
  await sessions.dispose(true);
  await fs.rm(dir, { recursive: true, force: true });
});

/** A session asking a y/N question (then a second question), recognised as a prompt. */
async function questionSession(): Promise<string> {
  const info = await sessions.create(
    {
      name: 'q',
      agent: 'custom',
      command: `bash -c 'read -p "Continue? [y/N] " a; echo "got:$a"; read -p "Next? " b; echo "next:$b"; sleep 30'`,
      cwd: dir,
    },
    80,
    24,
  );
  await waitFor(() => sessions.info(info.id)?.prompt, 'the question to be recognised', 8000);
  return info.id;
}

const screen = async (id: string) => (await sessions.screenText(id)) ?? '';

describe('audit before write', () => {
  it('appends the audit line before the option, the keys and the text are handed to the PTY host', async () => {
    const id = await questionSession();
    const prompt = sessions.info(id)!.prompt!;
    const yes = prompt.options.findIndex((o) => /yes/i.test(o.label));
    expect(await host.answerPrompt(id, prompt.id, yes)).toBeNull();
    await waitFor(async () => (await screen(id)).includes('got:'), 'the answer', 5000);
    expect(await host.sendKeys(id, 'n', null)).toBeNull();
    expect(await host.submitText(id, 'ow')).toBeNull();
    await waitFor(async () => (await screen(id)).includes('next:now'), 'the typed text', 5000);
    const keys = prompt.options[yes]!.keys;
    expect(order).toEqual([
      `audit ${JSON.stringify(keys)}`,
      `answer "option ${yes}"`,
      'audit "n"',
      'sendKeys "n"',
      'audit "ow"',
      'write "ow"',
      'audit "\\r"',
      'write "\\r"',
    ]);
    const lines = (await fs.readFile(path.join(dir, AUDIT_FILE), 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).sent)).toEqual([keys, 'n', 'ow', '\r']);
  });

  it('hands nothing to the PTY host when the audit line cannot be appended', async () => {
    const id = await questionSession();
    await fs.mkdir(path.join(dir, AUDIT_FILE)); // appendFileSync on a directory throws EISDIR
    const prompt = sessions.info(id)!.prompt!;
    expect(await host.answerPrompt(id, prompt.id, 0)).toBe('audit-failed');
    expect(await host.sendKeys(id, 'y\r', null)).toBe('audit-failed');
    expect(await host.sendKeys(id, '\x1b', prompt.id)).toBe('audit-failed');
    expect(await host.submitText(id, 'yes')).toBe('audit-failed');
    await sleep(300);
    expect(order.filter((o) => !o.startsWith('audit'))).toEqual([]);
    expect(await screen(id)).not.toContain('got:');
    expect(sessions.info(id)?.prompt?.id).toBe(prompt.id);
    expect(logs.join('\n')).toMatch(/audit log append failed/);
    expect(logs.join('\n')).not.toContain('yes');
  });
});
