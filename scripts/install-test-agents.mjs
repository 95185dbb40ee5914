#!/usr/bin/env node
/**
 * Installs the real agent CLIs the tests run (Claude Code, Codex, Gemini CLI) into
 * test/agents/node_modules from test/agents/package-lock.json. They are kept out of the root
 * package because together they weigh about 1 GB.
 *
 * Idempotent and offline-safe once installed: when every pinned package is already present at
 * its pinned version, nothing is run and no network is touched. Otherwise runs `npm ci` there.
 * `npm test` runs it on first use (vitest globalSetup, test/support/global-setup.ts) and
 * `.ci/run` runs it up front.
 *
 * Exit code 0 when the CLIs are installed, 1 when npm failed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'agents');

/** True when every dependency of test/agents/package.json is installed at its pinned version. */
export function testAgentsInstalled() {
  const pkg = JSON.parse(fs.readFileSync(path.join(DIR, 'package.json'), 'utf8'));
  return Object.entries(pkg.dependencies ?? {}).every(([name, version]) => {
    try {
      const installed = JSON.parse(
        fs.readFileSync(path.join(DIR, 'node_modules', name, 'package.json'), 'utf8'),
      );
      return installed.version === version;
    } catch {
      return false;
    }
  });
}

/** Installs when needed. Returns true when the CLIs are there afterwards. */
export function installTestAgents({ quiet = false } = {}) {
  if (testAgentsInstalled()) return true;
  if (!quiet) console.log('Installing the agent CLIs the tests run into test/agents (one time, ~1 GB)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-fund', '--no-audit'], { cwd: DIR, stdio: 'inherit' });
  return r.status === 0 && testAgentsInstalled();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(installTestAgents() ? 0 : 1);
}
