/**
 * The environment a session's process gets: the host's own, minus what only made sense for
 * Agent Pager itself, plus what a modern terminal announces.
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

/**
 * Builds a session environment from `base` (usually process.env).
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
    if (v === undefined || DROP.has(k)) continue;
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
