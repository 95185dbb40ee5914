import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSessionFile, writeSessionFile } from '../../../../main/core/sessions/session-file.js';
import type { StoredSession } from '../../../../main/core/sessions/session-manager.js';

let dir: string;
let file: string;
const session: StoredSession = {
  id: 'a1',
  name: 'api',
  agent: 'claude',
  command: '',
  cwd: '/srv/api',
  createdAt: 1,
  conversationId: '3f2a',
  running: true,
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-file-'));
  file = path.join(dir, 'sessions.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the session file', () => {
  it('round-trips the list with mode 0600 and leaves no temp file', () => {
    writeSessionFile(file, [session]);
    expect(readSessionFile(file)).toEqual([session]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['sessions.json']);
  });

  it('a missing file is an empty list, silently', () => {
    const warnings: string[] = [];
    expect(readSessionFile(file, (m) => warnings.push(m))).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('a corrupt file is moved aside and reported; bad entries are left out and reported', () => {
    const warnings: string[] = [];
    fs.writeFileSync(file, '{"version":1,"sessions":[');
    expect(readSessionFile(file, (m) => warnings.push(m))).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual([expect.stringMatching(/^sessions\.json\.corrupt-\d+$/)]);
    expect(warnings[0]).toMatch(/could not be read; it was moved to sessions\.json\.corrupt-/);

    fs.writeFileSync(file, JSON.stringify({ version: 1, sessions: [session, { id: '' }] }));
    expect(readSessionFile(file, (m) => warnings.push(m))).toEqual([session]);
    expect(warnings[1]).toBe('1 saved session(s) could not be read and were left out');
  });
});
