/**
 * What the packaging configuration does, checked where no installer can be built: node-pty's
 * macOS spawn-helper is executable in node_modules and in the packed app (afterPack), the deb
 * keeps electron-builder's default dependencies, unsigned macOS builds get an ad-hoc signature
 * after the fuses flip, and the ESM main can load from inside app.asar (everything it imports is
 * packed: the built files are in `files`, bare imports are production dependencies).
 */
import { builtinModules, createRequire } from 'node:module';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as {
  files: string[];
  asarUnpack: string[];
  afterPack: string;
  electronFuses: Record<string, boolean>;
  deb: { depends: string[] };
};
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  type: string;
  main: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};
const nodePty = path.dirname(require.resolve('node-pty/package.json'));
const { spawnHelpers } = require(path.join(ROOT, 'scripts/fix-node-pty.cjs')) as {
  spawnHelpers(dir: string): string[];
};

const tmp = mkdtempSync(path.join(tmpdir(), 'ap-pack-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const executable = (file: string) => (statSync(file).mode & 0o111) === 0o111;

describe('node-pty spawn-helper (microsoft/node-pty#850)', () => {
  it('is executable in node_modules (npm postinstall runs the fix)', () => {
    expect(pkg.scripts.postinstall).toBe('node scripts/fix-node-pty.cjs');
    const helpers = spawnHelpers(nodePty);
    expect(helpers.length).toBeGreaterThan(0);
    for (const file of helpers) expect(executable(file), `${file} lacks the execute bit`).toBe(true);
  });

  it('is made executable in the packed app by the afterPack hook, on the macOS and Linux layouts', async () => {
    expect(config.afterPack).toBe('scripts/after-pack.cjs');
    const afterPack = require(path.join(ROOT, config.afterPack)) as (ctx: {
      appOutDir: string;
    }) => Promise<string[]>;
    for (const resources of ['Agent Pager.app/Contents/Resources', 'resources']) {
      const appOutDir = path.join(tmp, resources.split('/')[0]!.replace(/\W/g, '') + '-out');
      const helper = path.join(
        appOutDir,
        resources,
        'app.asar.unpacked/node_modules/node-pty/prebuilds/darwin-arm64/spawn-helper',
      );
      mkdirSync(path.dirname(helper), { recursive: true });
      copyFileSync(spawnHelpers(nodePty)[0]!, helper);
      chmodSync(helper, 0o644);
      expect(await afterPack({ appOutDir })).toEqual([helper]);
      expect(executable(helper)).toBe(true);
    }
    expect(config.asarUnpack).toContain('node_modules/node-pty/**');
  });
});

describe('installers', () => {
  it('keeps every default deb dependency of electron-builder, plus libsecret for safeStorage', () => {
    const FpmTarget = require('app-builder-lib/out/targets/FpmTarget').default as {
      prototype: { getDefaultDepends(target: string): string[] };
    };
    const defaults = FpmTarget.prototype.getDefaultDepends('deb');
    expect(defaults).toContain('libgtk-3-0');
    expect(config.deb.depends).toEqual(expect.arrayContaining([...defaults, 'libsecret-1-0']));
  });

  it('re-signs ad hoc after flipping fuses, so an unsigned Apple Silicon build is not killed', () => {
    expect(config.electronFuses.resetAdHocDarwinSignature).toBe(true);
  });
});

describe('ESM main inside app.asar', () => {
  it('is packed with everything it imports', () => {
    expect(pkg.type).toBe('module');
    expect(pkg.main).toBe('dist/electron/main.js');
    expect(config.files).toContain('dist/**');
    const main = readFileSync(path.join(ROOT, pkg.main), 'utf8');
    const specifiers = new Set(
      [
        ...main.matchAll(/^\s*import\s[^'"]*?from\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm),
      ].map((m) => m[1] ?? m[2]!),
    );
    expect(specifiers.size).toBeGreaterThan(5);
    const builtins = new Set(builtinModules);
    for (const spec of specifiers) {
      if (spec.startsWith('node:') || builtins.has(spec) || spec === 'electron') continue;
      expect(spec.startsWith('.'), `${spec}: the main is one bundle`).toBe(false);
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
      expect(
        pkg.dependencies,
        `${name} is imported by the main but is not a production dependency`,
      ).toHaveProperty([name]);
    }
    // The sandboxed preload must be CommonJS in a "type": "module" package, and the hook helper
    // must live outside the archive (Claude Code runs it as a plain file).
    expect(config.asarUnpack).toContain('dist/hook-helper.cjs');
  });
});
