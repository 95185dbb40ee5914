#!/usr/bin/env node
// Builds everything the two shells run, into dist/:
//   dist/headless/cli.js     headless host (ESM, Node)
//   dist/electron/main.js    Electron main process (ESM)
//   dist/ptyhost/main.js     the PTY host (ESM, plain Node; Electron runs it with ELECTRON_RUN_AS_NODE)
//   dist/preload/index.cjs   Electron preload (CommonJS: sandboxed preloads cannot be ESM)
//   dist/hook-helper.cjs     the Claude Code hook helper, run by hooks as a plain file
//   dist/codex-notify.cjs    the Codex notify helper, run by Codex at the end of each turn
//   dist/headless/doctor.js  `npm run doctor`
//   dist/renderer/           the React renderer (Vite)
// `--if-needed` skips the build when dist/ is newer than every source file.
import { build as esbuild } from 'esbuild';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  statSync,
  writeFileSync,
  readFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.build-stamp');
const sources = ['contract', 'main', 'renderer', 'preload', 'package.json', 'scripts/build.mjs'];

function newestMtime(p) {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(p)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

if (process.argv.includes('--if-needed') && existsSync(stamp)) {
  const built = Number(readFileSync(stamp, 'utf8'));
  const newest = Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
  if (built >= newest) process.exit(0);
}

const t0 = Date.now();
mkdirSync(dist, { recursive: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  packages: 'external',
  logLevel: 'warning',
  absWorkingDir: root,
};
await Promise.all([
  esbuild({
    ...common,
    entryPoints: ['main/headless/cli.ts'],
    outfile: 'dist/headless/cli.js',
    format: 'esm',
  }),
  esbuild({
    ...common,
    entryPoints: ['main/headless/doctor.ts'],
    outfile: 'dist/headless/doctor.js',
    format: 'esm',
  }),
  esbuild({
    ...common,
    entryPoints: ['main/ptyhost/main.ts'],
    outfile: 'dist/ptyhost/main.js',
    format: 'esm',
  }),
  esbuild({
    ...common,
    entryPoints: ['main/electron/main.ts'],
    outfile: 'dist/electron/main.js',
    format: 'esm',
    external: ['electron'],
  }),
  // Sandboxed preloads can require only `electron` and a few built-ins: bundle everything else.
  esbuild({
    ...common,
    packages: undefined,
    entryPoints: ['preload/index.ts'],
    outfile: 'dist/preload/index.cjs',
    format: 'cjs',
    platform: 'browser',
    minify: true,
    external: ['electron'],
  }),
]);
copyFileSync(path.join(root, 'main/core/claude/hook-helper.cjs'), path.join(dist, 'hook-helper.cjs'));
copyFileSync(path.join(root, 'main/core/codex/codex-notify.cjs'), path.join(dist, 'codex-notify.cjs'));

const { build: viteBuild } = await import('vite');
await viteBuild({ configFile: path.join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });

writeFileSync(stamp, String(Date.now()));
process.stdout.write(`built dist/ in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
