import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_FILE, AuditLog, type AuditEntry } from '../../../../main/core/settings/audit-log.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'audit-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lines = (file: string) => readFileSync(file, 'utf8').split('\n');

describe('AuditLog', () => {
  it('appends one JSON line per call to audit.jsonl, mode 0600, with every field', () => {
    const dataDir = path.join(dir, 'data'); // created on demand
    const log = new AuditLog(dataDir);
    expect(log.file).toBe(path.join(dataDir, AUDIT_FILE));
    const before = Date.now();
    log.append({ session: 's1', sessionName: 'api', promptId: 'p1', via: 'option', sent: '1', chatId: 99 });
    log.append({
      session: 's1',
      sessionName: 'api',
      promptId: null,
      via: 'keys',
      sent: '\x1b[A\r',
      chatId: null,
    });
    log.append({
      time: '2026-01-02T03:04:05.000Z',
      session: 's2',
      sessionName: 'web "ui"',
      promptId: null,
      via: 'text',
      sent: 'line one\nline two',
      chatId: 7,
    });

    const raw = lines(log.file);
    expect(raw).toHaveLength(4);
    expect(raw[3]).toBe('');
    const entries = raw.slice(0, 3).map((l) => JSON.parse(l) as AuditEntry);
    expect(entries[0]).toEqual({
      time: entries[0]!.time,
      session: 's1',
      sessionName: 'api',
      promptId: 'p1',
      via: 'option',
      sent: '1',
      chatId: 99,
    });
    const t = Date.parse(entries[0]!.time);
    expect(t).toBeGreaterThanOrEqual(before - 1000);
    expect(t).toBeLessThanOrEqual(Date.now() + 1000);
    expect(entries[0]!.time).toBe(new Date(t).toISOString());
    expect(entries[1]).toMatchObject({ promptId: null, via: 'keys', sent: '\x1b[A\r', chatId: null });
    expect(entries[2]).toMatchObject({ time: '2026-01-02T03:04:05.000Z', sent: 'line one\nline two' });

    expect(statSync(log.file).mode & 0o777).toBe(0o600);
  });

  it('keeps earlier entries when the log is opened again', () => {
    new AuditLog(dir).append({
      session: 'a',
      sessionName: 'a',
      promptId: null,
      via: 'text',
      sent: 'x',
      chatId: 1,
    });
    new AuditLog(dir).append({
      session: 'b',
      sessionName: 'b',
      promptId: null,
      via: 'text',
      sent: 'y',
      chatId: 1,
    });
    const sessions = lines(path.join(dir, AUDIT_FILE))
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as AuditEntry).session);
    expect(sessions).toEqual(['a', 'b']);
  });
});
