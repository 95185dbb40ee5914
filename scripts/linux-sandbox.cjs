// Why `npm start` can die at once on Ubuntu 23.10+ / 24.04: AppArmor restricts unprivileged user
// namespaces (kernel.apparmor_restrict_unprivileged_userns = 1), Chromium's namespace sandbox is
// refused, and the setuid fallback `chrome-sandbox` in node_modules is not root-owned mode 4755,
// so Electron aborts with SIGTRAP and no message (github.com/electron/electron/issues/42510;
// Ubuntu 24.04 release notes, "Unprivileged user namespace restrictions").
// Used by scripts/start.mjs: print the fix before launching, and again if Electron dies that way.
'use strict';
const { existsSync, readFileSync, readdirSync, statSync } = require('node:fs');
const path = require('node:path');

/**
 * The facts the advice depends on, read from this machine for the Electron binary `electronBin`:
 * `{ platform, restrictUserns (bool), sandboxSetuid (bool: chrome-sandbox is root-owned 4755),
 * profileCovers (bool: a file in /etc/apparmor.d names the binary) }`.
 */
function readSandboxFacts(electronBin, root = '/') {
  const read = (p) => {
    try {
      return readFileSync(path.join(root, p), 'utf8');
    } catch {
      return null;
    }
  };
  const restrict = read('proc/sys/kernel/apparmor_restrict_unprivileged_userns');
  const sandbox = path.join(path.dirname(electronBin), 'chrome-sandbox');
  let sandboxSetuid = false;
  if (existsSync(sandbox)) {
    const st = statSync(sandbox);
    sandboxSetuid = st.uid === 0 && (st.mode & 0o4755) === 0o4755;
  }
  let profileCovers = false;
  const profiles = path.join(root, 'etc/apparmor.d');
  if (existsSync(profiles)) {
    for (const name of readdirSync(profiles)) {
      const text = read(path.join('etc/apparmor.d', name));
      if (text && text.includes(electronBin)) profileCovers = true;
    }
  }
  return {
    platform: process.platform,
    restrictUserns: restrict?.trim() === '1',
    sandboxSetuid,
    profileCovers,
  };
}

/** The advice to print for `facts` (see readSandboxFacts), or null when Electron's sandbox can start. */
function sandboxAdvice(facts, electronBin) {
  if (facts.platform !== 'linux' || !facts.restrictUserns || facts.sandboxSetuid || facts.profileCovers)
    return null;
  const sandbox = path.join(path.dirname(electronBin), 'chrome-sandbox');
  return [
    'This Linux restricts unprivileged user namespaces (AppArmor), so Electron cannot start its',
    'sandbox and exits at once (SIGTRAP). Fix it with one of:',
    '',
    '  1. An AppArmor profile for this Electron binary (recommended):',
    `       sudo tee /etc/apparmor.d/agent-pager-dev-electron <<'EOF'`,
    '       abi <abi/4.0>,',
    '       include <tunables/global>',
    `       profile agent-pager-dev-electron ${electronBin} flags=(unconfined) {`,
    '         userns,',
    '       }',
    '       EOF',
    '       sudo apparmor_parser -r /etc/apparmor.d/agent-pager-dev-electron',
    '  2. The setuid sandbox helper:',
    `       sudo chown root:root ${sandbox} && sudo chmod 4755 ${sandbox}`,
    "  3. For development only, without Chromium's sandbox:  npm start -- --no-sandbox",
    '',
  ].join('\n');
}

/** True when an exit looks like the sandbox abort (signal SIGTRAP, or code 133 = 128 + SIGTRAP from a shell). */
function looksLikeSandboxAbort(code, signal) {
  return signal === 'SIGTRAP' || code === 133;
}

module.exports = { readSandboxFacts, sandboxAdvice, looksLikeSandboxAbort };
