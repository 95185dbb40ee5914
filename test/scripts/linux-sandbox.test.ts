import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
interface Facts {
  platform: string;
  restrictUserns: boolean;
  sandboxSetuid: boolean;
  profileCovers: boolean;
}
const { readSandboxFacts, sandboxAdvice, looksLikeSandboxAbort } = createRequire(import.meta.url)(
  path.join(ROOT, 'scripts/linux-sandbox.cjs'),
) as {
  readSandboxFacts(bin: string, root?: string): Facts;
  sandboxAdvice(facts: Facts, bin: string): string | null;
  looksLikeSandboxAbort(code: number | null, signal: string | null): boolean;
};

const fsRoot = mkdtempSync(path.join(tmpdir(), 'ap-sandbox-'));
afterAll(() => rmSync(fsRoot, { recursive: true, force: true }));
const bin = path.join(fsRoot, 'electron', 'dist', 'electron');

describe('npm start on a Linux that restricts user namespaces (Ubuntu 24.04)', () => {
  it('reads the AppArmor switch, the chrome-sandbox mode and profiles from the file system', () => {
    mkdirSync(path.join(fsRoot, 'proc/sys/kernel'), { recursive: true });
    mkdirSync(path.dirname(bin), { recursive: true });
    mkdirSync(path.join(fsRoot, 'etc/apparmor.d'), { recursive: true });
    writeFileSync(path.join(fsRoot, 'proc/sys/kernel/apparmor_restrict_unprivileged_userns'), '1\n');
    writeFileSync(path.join(path.dirname(bin), 'chrome-sandbox'), '');
    chmodSync(path.join(path.dirname(bin), 'chrome-sandbox'), 0o755);
    const facts = readSandboxFacts(bin, fsRoot);
    expect(facts).toMatchObject({ restrictUserns: true, sandboxSetuid: false, profileCovers: false });
    writeFileSync(
      path.join(fsRoot, 'etc/apparmor.d/dev-electron'),
      `profile x ${bin} flags=(unconfined) {\n  userns,\n}\n`,
    );
    expect(readSandboxFacts(bin, fsRoot).profileCovers).toBe(true);
  });

  it('prints the three fixes only when the sandbox cannot start', () => {
    const blocked = { platform: 'linux', restrictUserns: true, sandboxSetuid: false, profileCovers: false };
    const advice = sandboxAdvice(blocked, bin)!;
    expect(advice).toContain(`profile agent-pager-dev-electron ${bin} flags=(unconfined)`);
    expect(advice).toContain(`sudo chmod 4755 ${path.join(path.dirname(bin), 'chrome-sandbox')}`);
    expect(advice).toContain('--no-sandbox');
    expect(sandboxAdvice({ ...blocked, restrictUserns: false }, bin)).toBeNull();
    expect(sandboxAdvice({ ...blocked, sandboxSetuid: true }, bin)).toBeNull();
    expect(sandboxAdvice({ ...blocked, profileCovers: true }, bin)).toBeNull();
    expect(sandboxAdvice({ ...blocked, platform: 'darwin' }, bin)).toBeNull();
    expect(looksLikeSandboxAbort(null, 'SIGTRAP')).toBe(true);
    expect(looksLikeSandboxAbort(0, null)).toBe(false);
  });
});
