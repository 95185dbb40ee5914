/**
 * The environment a session's process gets: the host's own, minus what only made sense for
 * Agent Pager itself (and every `AGENT_PAGER_*` variable: the bot token, the headless access
 * token and the Bot API root must not reach a shell or agent, where `env` would show them), plus
 * what a modern terminal announces, plus the per-launch extras (the Claude hook helper's
 * `AGENT_PAGER_HOOK_*` and session id, which are made for that session).
 */
import path from 'node:path';

/** Variables a terminal sets for the programs inside it (xterm.js supports 256 colours and truecolor). */
export const TERMINAL_ENV = {
  TERM: 'xterm-256color',
  COLORTERM: 'truecolor',
  TERM_PROGRAM: 'AgentPager',
} as const;

/** Variables that leak from how Agent Pager itself was started and must not reach sessions. */
const DROP = new Set(['ELECTRON_RUN_AS_NODE', 'ELECTRON_NO_ATTACH_CONSOLE', 'INIT_CWD', 'NODE_OPTIONS']);

/** Prefix of Agent Pager's own variables; none is inherited by a session. */
const OWN_PREFIX = 'AGENT_PAGER_';

/**
 * Builds a session environment from `base` (usually process.env). Every `AGENT_PAGER_*` variable
 * of `base` is dropped; `extra` is added last, so the hook helper's variables come only from there.
 * When Agent Pager runs under `npm run` (npm_lifecycle_event is set), npm's own variables and the
 * `node_modules/.bin` folders npm put first on PATH (for this app's root and its ancestors) are
 * removed, so a user's shell finds their own `node` and tools, not the app's.
 */
export function sessionEnv(
  base: NodeJS.ProcessEnv,
  appRoot: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  const underNpm = base.npm_lifecycle_event !== undefined;
  for (const [k, v] of Object.entries(base)) {
    if (v === undefined || DROP.has(k) || k.toUpperCase().startsWith(OWN_PREFIX)) continue;
    if (underNpm && /^npm_/i.test(k)) continue;
    out[k] = v;
  }
  if (underNpm && out.PATH) {
    const npmBins = new Set<string>();
    for (let dir = path.resolve(appRoot); ; dir = path.dirname(dir)) {
      npmBins.add(path.join(dir, 'node_modules', '.bin'));
      if (path.dirname(dir) === dir) break;
    }
    out.PATH = out.PATH.split(path.delimiter)
      .filter((p) => !npmBins.has(path.resolve(p)) && !p.includes(`${path.sep}node-gyp-bin`))
      .join(path.delimiter);
  }
  return { ...out, ...TERMINAL_ENV, ...extra };
}
