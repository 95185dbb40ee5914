#!/usr/bin/env node
// `npm start`: builds, makes sure the Electron binary is there, and launches the app.
// The electron package's own install script is denied in package.json "allowScripts" because it
// downloads the binary from GitHub during `npm install`, which fails on machines without that
// access and would fail the whole install. It runs here instead, on first start.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));

const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--if-needed'], {
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

if (!existsSync(path.join(electronDir, 'path.txt'))) {
  process.stdout.write('Downloading the Electron binary (first start only)…\n');
  const install = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'inherit' });
  if (install.status !== 0) {
    process.stderr.write(
      '\nThe Electron binary could not be downloaded on this machine.\n' +
        'Run the headless host instead and open the URL it prints:\n\n    npm run serve\n\n',
    );
    process.exit(1);
  }
}

const electronPath = require('electron');
const args = process.argv.slice(2);
const { readSandboxFacts, sandboxAdvice, looksLikeSandboxAbort } = require('./linux-sandbox.cjs');
const advice = args.includes('--no-sandbox')
  ? null
  : sandboxAdvice(readSandboxFacts(electronPath), electronPath);
if (advice) process.stderr.write(`\n${advice}\n`);
const child = spawn(electronPath, [root, ...args], { stdio: 'inherit' });
child.on('exit', (code, signal) => {
  if (looksLikeSandboxAbort(code, signal) && process.platform === 'linux') {
    process.stderr.write(
      `\nElectron exited with ${signal ?? `code ${code}`}: its sandbox could not start.\n` +
        (advice ??
          sandboxAdvice({ ...readSandboxFacts(electronPath), restrictUserns: true }, electronPath) ??
          ''),
    );
  }
  process.exit(signal ? 1 : (code ?? 0));
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
