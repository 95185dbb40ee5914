/**
 * Writes from the phone are audited before they reach the PTY, and not made at all when the audit
 * line cannot be appended. Real bash in a real PTY behind the real Attention; the audit log is the
 * real file (made unwritable for the failure case).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Attention } from '../../../main/core/attention.js';
import { createRelayHost, type PhoneDeps } from '../../../main/core/phone-host.js';
import { SessionManager } from '../../../main/core/sessions/session-manager.js';
import { AuditLog, AUDIT_FILE } from '../../../main/core/settings/audit-log.js';
import { SettingsService } from '../../../main/core/settings/settings.js';
import type { RelayHost } from '../../../main/core/telegram/host.js';
import { mapStore, testCoreOptions } from '../../support/core-options.js';
import { sleep, waitFor } from '../../support/wait.js';

let dir: string;
let sessions: SessionManager;
let attention: Attention;
let audit: AuditLog;
let host: RelayHost;
let order: string[];
let logs: string[];

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-phone-host-'));
  order = [];
  logs = [];
  const settings = new SettingsService(mapStore());
  settings.update({ notifyMode: 'always' });
  sessions = new SessionManager({
    store: { load: () => [], save: () => {} },
    userShell: '/bin/bash',
    appRoot: process.cwd(),
    baseEnv: { ...process.env, HOME: dir, PS1: 'ready$ ' },
    launchExtras: (id, spec) => attention.launchExtras(id, spec),
  });
  const options = testCoreOptions(dir);
  attention = await Attention.create({
    dataDir: dir,
    hookRunner: options.hookRunner,
    sessions,
    settings,
    onPromptChange: () => {},
  });
  audit = new AuditLog(dir);
  const append = audit.append.bind(audit);
  vi.spyOn(audit, 'append').mockImplementation((entry) => {
    order.push(`audit ${JSON.stringify(entry.sent)}`);
    append(entry);
  });
  const deps: PhoneDeps = { options, audit, sessions, attention, list: () => [] };
  host = createRelayHost(
    deps,
    () => 555,
    (m) => logs.push(m),
  );
});

afterEach(async () => {
  await attention.dispose();
  await sessions.disposeAll();
  await fs.rm(dir, { recursive: true, force: true });
});

/** A session asking a y/N question, with every PTY write recorded in `order` (and made). */
async function questionSession(): Promise<string> {
  const id = await sessions.create(
    {
      name: 'q',
      agent: 'custom',
      command: `bash -c 'read -p "Continue? [y/N] " a; echo "got:$a"; read -p "Next? " b; echo "next:$b"; sleep 30'`,
      cwd: dir,
    },
    80,
    24,
  );
  const session = sessions.get(id)!;
  const write = session.write.bind(session);
  vi.spyOn(session, 'write').mockImplementation((data: string) => {
    order.push(`write ${JSON.stringify(data)}`);
    write(data);
  });
  await waitFor(() => attention.openPrompt(id), 'the question to be recognised', 8000);
  return id;
}

const screen = (id: string) => sessions.get(id)!.screen.plainText();

describe('audit before write', () => {
  it('appends the audit line before the option, the keys and the text reach the PTY', async () => {
    const id = await questionSession();
    const prompt = attention.openPrompt(id)!;
    const yes = prompt.options.findIndex((o) => /yes/i.test(o.label));
    expect(host.answerPrompt(id, prompt.id, yes)).toBeNull();
    await waitFor(() => screen(id).includes('got:'), 'the answer', 5000);
    expect(host.sendKeys(id, 'n', null)).toBeNull();
    expect(await host.submitText(id, 'ow')).toBeNull();
    await waitFor(() => screen(id).includes('next:now'), 'the typed text', 5000);
    const keys = prompt.options[yes]!.keys;
    expect(order).toEqual([
      `audit ${JSON.stringify(keys)}`,
      `write ${JSON.stringify(keys)}`,
      'audit "n"',
      'write "n"',
      'audit "ow"',
      'write "ow"',
      'audit "\\r"',
      'write "\\r"',
    ]);
    const lines = (await fs.readFile(path.join(dir, AUDIT_FILE), 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).sent)).toEqual([keys, 'n', 'ow', '\r']);
  });

  it('writes nothing when the audit line cannot be appended', async () => {
    const id = await questionSession();
    await fs.mkdir(path.join(dir, AUDIT_FILE)); // appendFileSync on a directory throws EISDIR
    const prompt = attention.openPrompt(id)!;
    expect(host.answerPrompt(id, prompt.id, 0)).toBe('audit-failed');
    expect(host.sendKeys(id, 'y\r', null)).toBe('audit-failed');
    expect(host.sendKeys(id, '\x1b', prompt.id)).toBe('audit-failed');
    expect(await host.submitText(id, 'yes')).toBe('audit-failed');
    await sleep(300);
    expect(order.filter((o) => o.startsWith('write'))).toEqual([]);
    expect(screen(id)).not.toContain('got:');
    expect(attention.openPrompt(id)?.id).toBe(prompt.id);
    expect(logs.join('\n')).toMatch(/audit log append failed/);
    expect(logs.join('\n')).not.toContain('yes');
  });
});
