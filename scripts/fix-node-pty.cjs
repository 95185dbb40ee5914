#!/usr/bin/env node
// Makes node-pty's macOS `spawn-helper` executable. node-pty 1.1.0 (the newest release on npm;
// only 1.2 betas are newer) ships prebuilds/darwin-*/spawn-helper without the execute bit, so on
// macOS every PTY spawn fails with "posix_spawnp failed" (github.com/microsoft/node-pty/issues/850).
// Run by npm `postinstall` (for `npm start` and tests) and by electron-builder's `afterPack`
// (scripts/after-pack.cjs) on the packaged app's app.asar.unpacked copy. CommonJS so both can load it.
'use strict';
const { chmodSync, existsSync, readdirSync, statSync } = require('node:fs');
const path = require('node:path');

/** The spawn-helper files under a node-pty folder: prebuilds/darwin-* and a local build/Release. */
function spawnHelpers(nodePtyDir) {
  const found = [];
  const prebuilds = path.join(nodePtyDir, 'prebuilds');
  if (existsSync(prebuilds)) {
    for (const entry of readdirSync(prebuilds)) {
      if (entry.startsWith('darwin-')) found.push(path.join(prebuilds, entry, 'spawn-helper'));
    }
  }
  found.push(path.join(nodePtyDir, 'build', 'Release', 'spawn-helper'));
  return found.filter((file) => existsSync(file));
}

/** Adds the execute bits (mode |= 0o111) to every spawn-helper under `nodePtyDir`; returns the files changed. */
function fixSpawnHelpers(nodePtyDir) {
  const changed = [];
  for (const file of spawnHelpers(nodePtyDir)) {
    const mode = statSync(file).mode & 0o7777;
    if ((mode & 0o111) === 0o111) continue;
    chmodSync(file, mode | 0o111);
    changed.push(file);
  }
  return changed;
}

module.exports = { spawnHelpers, fixSpawnHelpers };

if (require.main === module) {
  let dir;
  try {
    dir = path.dirname(require.resolve('node-pty/package.json', { paths: [path.resolve(__dirname, '..')] }));
  } catch {
    process.stdout.write('fix-node-pty: node-pty is not installed; nothing to do\n');
    process.exit(0);
  }
  const changed = fixSpawnHelpers(dir);
  if (changed.length)
    process.stdout.write(`fix-node-pty: made ${changed.length} spawn-helper file(s) executable\n`);
}
