import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  loginEnvironment,
  loginShellPath,
  mergePaths,
  parseMarkedPath,
} from '../../../../main/core/sessions/login-env.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ap-login-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fake login shell: runs `body` (its profile), then the command it was given with -ilc. */
function shell(name: string, body: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\nshift\neval "$1"\n`);
  chmodSync(file, 0o755);
  return file;
}

const minimal = { PATH: '/usr/bin:/bin', HOME: dir };

describe('login shell PATH', () => {
  it('takes PATH from the profile, ignoring whatever the profile prints', async () => {
    const sh = shell(
      'profile',
      'echo "Welcome, $USER!"; PATH="/opt/homebrew/bin:$HOME/.local/bin:$PATH"; export PATH',
    );
    const env = await loginEnvironment(minimal, sh, 'darwin');
    expect(env.PATH).toBe(`/opt/homebrew/bin:${dir}/.local/bin:/usr/bin:/bin`);
    expect(env.HOME).toBe(dir);
  });

  it('keeps entries only the app had, after the login ones', () => {
    expect(mergePaths('/a:/b', '/b:/c')).toBe('/a:/b:/c');
    expect(mergePaths('/a', undefined)).toBe('/a');
  });

  it('falls back to the current environment when the shell fails, hangs, or is missing', async () => {
    expect(await loginEnvironment(minimal, shell('fails', 'exit 3'), 'linux')).toBe(minimal);
    const t0 = Date.now();
    expect(
      await loginShellPath({ shell: shell('hangs', 'sleep 20'), env: minimal, timeoutMs: 300 }),
    ).toBeNull();
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(await loginEnvironment(minimal, path.join(dir, 'no-such-shell'), 'linux')).toBe(minimal);
  });

  it('does not run a shell on Windows', async () => {
    expect(await loginEnvironment(minimal, shell('never', 'touch "$HOME/ran"'), 'win32')).toBe(minimal);
  });

  it('accepts only a marked list with absolute folders', () => {
    const m = (v: string) => `junk__AGENT_PAGER_PATH_START__${v}__AGENT_PAGER_PATH_END__junk`;
    expect(parseMarkedPath(m('/usr/bin:/bin'))).toBe('/usr/bin:/bin');
    expect(parseMarkedPath(m(''))).toBeNull();
    expect(parseMarkedPath(m('relative:also'))).toBeNull();
    expect(parseMarkedPath(m('/a\n/b'))).toBeNull();
    expect(parseMarkedPath('no markers')).toBeNull();
  });
});
