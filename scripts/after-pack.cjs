// electron-builder `afterPack` hook (electron-builder.yml): runs after the app is copied into
// `appOutDir` and before fuses and signing. Makes node-pty's spawn-helper executable inside
// app.asar.unpacked (see scripts/fix-node-pty.cjs), on every platform's layout:
// `<App>.app/Contents/Resources/app.asar.unpacked` on macOS, `resources/app.asar.unpacked` elsewhere.
'use strict';
const { existsSync, readdirSync } = require('node:fs');
const path = require('node:path');
const { fixSpawnHelpers } = require('./fix-node-pty.cjs');

/** Folders that hold app.asar.unpacked under `appOutDir`. */
function resourcesDirs(appOutDir) {
  const dirs = [path.join(appOutDir, 'resources')];
  for (const entry of existsSync(appOutDir) ? readdirSync(appOutDir) : []) {
    if (entry.endsWith('.app')) dirs.push(path.join(appOutDir, entry, 'Contents', 'Resources'));
  }
  return dirs;
}

/** The hook: `context.appOutDir` is the unpacked app folder. Returns the files made executable. */
async function afterPack(context) {
  const changed = [];
  for (const dir of resourcesDirs(context.appOutDir)) {
    const nodePty = path.join(dir, 'app.asar.unpacked', 'node_modules', 'node-pty');
    if (existsSync(nodePty)) changed.push(...fixSpawnHelpers(nodePty));
  }
  return changed;
}

module.exports = afterPack;
module.exports.default = afterPack;
