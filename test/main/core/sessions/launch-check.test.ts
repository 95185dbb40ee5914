import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkLaunch, expandHome } from '../../../../main/core/sessions/launch-check.js';
import { LaunchError, type LaunchPlan } from '../../../../main/core/sessions/presets.js';

let dir: string;
let bin: string;

const plan = (file: string): LaunchPlan => ({ file, args: [], commandLine: file });

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'launch-check-'));
  // A folder used as PATH, with one executable and one non-executable script.
  bin = path.join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'mytool'), '#!/bin/sh\necho hi\n', { mode: 0o755 });
  writeFileSync(path.join(bin, 'notexec'), '#!/bin/sh\necho hi\n', { mode: 0o644 });
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('checkLaunch', () => {
  it('returns the absolute path of a command found on PATH', async () => {
    await expect(checkLaunch(plan('mytool'), dir, bin)).resolves.toBe(path.join(bin, 'mytool'));
  });

  it('accepts an absolute path to an executable', async () => {
    const file = path.join(bin, 'mytool');
    await expect(checkLaunch(plan(file), dir, '')).resolves.toBe(file);
  });

  it('resolves a relative path like ./tool against the session folder, not the app folder', async () => {
    await expect(checkLaunch(plan('./mytool'), bin, '')).resolves.toBe(path.join(bin, 'mytool'));
    await expect(checkLaunch(plan('bin/mytool'), dir, '')).resolves.toBe(path.join(bin, 'mytool'));
    await expect(checkLaunch(plan('./mytool'), dir, bin)).rejects.toThrow(
      './mytool does not exist or is not executable.',
    );
  });

  it('rejects a folder that does not exist', async () => {
    const missing = path.join(dir, 'nope');
    const check = checkLaunch(plan('mytool'), missing, bin);
    await expect(check).rejects.toBeInstanceOf(LaunchError);
    await expect(checkLaunch(plan('mytool'), missing, bin)).rejects.toThrow(
      `The folder ${missing} does not exist.`,
    );
  });

  it('rejects a file given as the folder', async () => {
    const file = path.join(bin, 'mytool');
    await expect(checkLaunch(plan('mytool'), file, bin)).rejects.toThrow(`${file} is not a folder.`);
  });

  it('rejects a command that is not on PATH', async () => {
    const check = checkLaunch(plan('no-such-command-xyz'), dir, bin);
    await expect(check).rejects.toBeInstanceOf(LaunchError);
    await expect(checkLaunch(plan('no-such-command-xyz'), dir, bin)).rejects.toThrow(
      'Command not found: no-such-command-xyz. Is it installed and on your PATH?',
    );
  });

  it('does not find a command when PATH is missing', async () => {
    await expect(checkLaunch(plan('mytool'), dir, undefined)).rejects.toThrow('Command not found: mytool');
  });

  it('rejects a non-executable file on PATH as not found', async () => {
    await expect(checkLaunch(plan('notexec'), dir, bin)).rejects.toThrow('Command not found: notexec');
  });

  it('rejects an absolute path that is not executable or does not exist', async () => {
    const notExec = path.join(bin, 'notexec');
    await expect(checkLaunch(plan(notExec), dir, bin)).rejects.toThrow(
      `${notExec} does not exist or is not executable.`,
    );
    const missing = path.join(bin, 'gone');
    await expect(checkLaunch(plan(missing), dir, bin)).rejects.toThrow(
      `${missing} does not exist or is not executable.`,
    );
  });
});

describe('expandHome', () => {
  it('expands ~ and ~/ to the home folder', () => {
    expect(expandHome('~', '/home/ann')).toBe('/home/ann');
    expect(expandHome('~/code/app', '/home/ann')).toBe('/home/ann/code/app');
    expect(expandHome('~')).toBe(os.homedir());
  });

  it('resolves relative paths and leaves ~user and absolute paths alone', () => {
    expect(expandHome('/srv/x', '/home/ann')).toBe('/srv/x');
    expect(expandHome('sub/dir', '/home/ann')).toBe(path.resolve('sub/dir'));
    expect(expandHome('~bob/x', '/home/ann')).toBe(path.resolve('~bob/x'));
  });

  it('lets a ~ folder pass checkLaunch once expanded', async () => {
    const home = dir;
    mkdirSync(path.join(home, 'project'));
    const cwd = expandHome('~/project', home);
    await expect(checkLaunch(plan('mytool'), cwd, bin)).resolves.toBe(path.join(bin, 'mytool'));
  });
});
