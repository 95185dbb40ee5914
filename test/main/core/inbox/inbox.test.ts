import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  InboxError,
  MAX_INBOX_FILE_BYTES,
  sanitiseFileName,
  saveToInbox,
} from '../../../../main/core/inbox/inbox.js';

let root: string;
beforeEach(async () => {
  root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'ap-inbox-')));
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('sanitiseFileName', () => {
  it('keeps only the last path segment and safe characters', () => {
    expect(sanitiseFileName('../../etc/passwd', 'f')).toBe('passwd');
    expect(sanitiseFileName('C:\\Users\\me\\shot 1 (2).png', 'f')).toBe('shot_1_2_.png');
    expect(sanitiseFileName('.bashrc', 'f')).toBe('bashrc');
    expect(sanitiseFileName('', 'fallback')).toBe('fallback');
    expect(sanitiseFileName('...', 'fallback')).toBe('fallback');
    expect(sanitiseFileName('CON.txt', 'fallback')).toBe('fallback');
  });

  it('caps long names and keeps the extension', () => {
    const name = sanitiseFileName(`${'a'.repeat(300)}.png`, 'f');
    expect(name.length).toBe(100);
    expect(name.endsWith('.png')).toBe(true);
  });
});

describe('saveToInbox', () => {
  it('saves under .agent-pager/inbox, ignores the folder in git, never overwrites', async () => {
    const first = await saveToInbox(root, 'a.txt', Buffer.from('one'));
    const second = await saveToInbox(root, 'a.txt', Buffer.from('two'));
    expect(first).toBe(path.join(root, '.agent-pager', 'inbox', 'a.txt'));
    expect(second).toBe(path.join(root, '.agent-pager', 'inbox', 'a-1.txt'));
    expect(await fs.readFile(first, 'utf8')).toBe('one');
    expect(await fs.readFile(second, 'utf8')).toBe('two');
    expect(await fs.readFile(path.join(root, '.agent-pager', '.gitignore'), 'utf8')).toBe('*\n');
  });

  it('refuses an inbox that is a symlink, writing nothing through it', async () => {
    const elsewhere = await fs.mkdtemp(path.join(os.tmpdir(), 'ap-elsewhere-'));
    try {
      await fs.mkdir(path.join(root, '.agent-pager'));
      await fs.symlink(elsewhere, path.join(root, '.agent-pager', 'inbox'));
      await expect(saveToInbox(root, 'x.txt', Buffer.from('x'))).rejects.toBeInstanceOf(InboxError);
      expect(await fs.readdir(elsewhere)).toEqual([]);
    } finally {
      await fs.rm(elsewhere, { recursive: true, force: true });
    }
  });

  it('does not follow a symlink planted at the file name', async () => {
    const target = path.join(root, 'target.txt');
    await fs.writeFile(target, 'keep');
    await saveToInbox(root, 'seed.txt', Buffer.from('s'));
    await fs.symlink(target, path.join(root, '.agent-pager', 'inbox', 'b.txt'));
    const saved = await saveToInbox(root, 'b.txt', Buffer.from('new'));
    expect(saved).toBe(path.join(root, '.agent-pager', 'inbox', 'b-1.txt'));
    expect(await fs.readFile(target, 'utf8')).toBe('keep');
  });

  it('refuses files over the limit', async () => {
    await expect(saveToInbox(root, 'big.bin', Buffer.alloc(MAX_INBOX_FILE_BYTES + 1))).rejects.toThrow(
      /20 MB/,
    );
  });
});
