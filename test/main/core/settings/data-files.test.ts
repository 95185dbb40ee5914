import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  corruptName,
  prepareJsonStoreFile,
  preparePrivateDir,
} from '../../../../main/core/settings/data-files.js';

let root: string;
const mode = (p: string) => statSync(p).mode & 0o777;
const NOW = Date.UTC(2026, 0, 2, 3, 4, 5, 678);

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'data-files-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the private data folder', () => {
  it('creates a new data dir 0700 and tightens an existing 0755 one', () => {
    const fresh = path.join(root, 'a', 'agent-pager');
    preparePrivateDir(fresh);
    expect(mode(fresh)).toBe(0o700);
    const old = path.join(root, 'old');
    mkdirSync(old, { mode: 0o755 });
    chmodSync(old, 0o755);
    preparePrivateDir(old);
    expect(mode(old)).toBe(0o700);
  });

  it('creates the store file 0600 before any library touches it, and tightens an existing 0644 one', () => {
    const file = path.join(root, 'settings.json');
    expect(prepareJsonStoreFile(file, NOW)).toBeNull();
    expect(mode(file)).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('{}');
    writeFileSync(file, '{"settings":{"idleSeconds":9}}', { mode: 0o644 });
    chmodSync(file, 0o644);
    expect(prepareJsonStoreFile(file, NOW)).toBeNull();
    expect(mode(file)).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain('idleSeconds');
  });
});

describe('a corrupt store file', () => {
  it.each([
    ['garbage', 'this is {not json'],
    ['an empty file', ''],
    ['binary', Buffer.from([0, 159, 146, 150, 255, 0, 1]).toString('latin1')],
    ['a JSON array', '[1,2,3]'],
    ['a truncated object', '{"settings":{"idleSeconds":'],
  ])('holding %s is moved aside with its bytes, replaced by {} and explained', (_what, content) => {
    const file = path.join(root, 'settings.json');
    writeFileSync(file, content, 'latin1');
    const notice = prepareJsonStoreFile(file, NOW);
    const aside = corruptName(file, NOW);
    expect(path.basename(aside)).toBe('settings.json.corrupt-2026-01-02T03-04-05-678Z');
    expect(notice).toContain('settings.json could not be read');
    expect(notice).toContain(path.basename(aside));
    expect(readFileSync(aside, 'latin1')).toBe(content);
    expect(mode(aside)).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('{}');
    expect(mode(file)).toBe(0o600);
    expect(readdirSync(root).sort()).toEqual([path.basename(file), path.basename(aside)].sort());
  });
});
