/**
 * Agent discovery: which coding-agent CLIs (Claude Code, Codex, Gemini CLI) are on the PATH the
 * sessions get, with the version each reports, and how to install a missing one. The New session
 * dialog shows it and `npm run doctor` prints it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import which from 'which';
import type { AgentAvailability, PresetAgentKind } from '../../../contract/bridge.js';
import { presetAgentKinds } from '../../../contract/bridge.js';

/** Executable and npm package of each agent CLI (the packages' own READMEs give these commands). */
export const agentPackages: Record<PresetAgentKind, { command: string; npmPackage: string }> = {
  claude: { command: 'claude', npmPackage: '@anthropic-ai/claude-code' },
  codex: { command: 'codex', npmPackage: '@openai/codex' },
  gemini: { command: 'gemini', npmPackage: '@google/gemini-cli' },
};

/** How long `<agent> --version` may take, in ms (Gemini CLI loads a 96 MB bundle: 1–3 s). */
export const VERSION_TIMEOUT_MS = 8000;
/** How long a discovery result is reused, in ms. */
export const DISCOVERY_TTL_MS = 60_000;

/** Runs `file --version`; resolves with stdout+stderr, or null on error or time-out. */
export type VersionRunner = (
  file: string,
  env: Record<string, string>,
  timeoutMs: number,
) => Promise<string | null>;

/** The default {@link VersionRunner}: execFile with a time-out and at most 64 KiB of output. */
export const runVersion: VersionRunner = (file, env, timeoutMs) =>
  new Promise((resolve) => {
    execFile(
      file,
      ['--version'],
      { env, timeout: timeoutMs, maxBuffer: 64 * 1024, windowsHide: true },
      (err, stdout, stderr) => resolve(err ? null : `${stdout}\n${stderr}`),
    );
  });

/** The first dotted version number in a `--version` output ("codex-cli 0.169.0" → "0.169.0"). */
export function parseVersion(output: string): string | null {
  return /\b(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\b/.exec(output)?.[1] ?? null;
}

/** Most folders walked up from an executable's real path to its package.json. */
const MAX_PACKAGE_DEPTH = 6;

/**
 * The version in the package.json of the npm package `npmPackage` that `file` belongs to (an
 * npm-installed CLI's bin is a link into its package), or null when it is not one. Reading the
 * file is instant, while `gemini --version` loads a 96 MB bundle first.
 */
export async function packageVersion(file: string, npmPackage: string): Promise<string | null> {
  let dir = path.dirname(await fs.realpath(file).catch(() => file));
  for (let i = 0; i < MAX_PACKAGE_DEPTH; i++) {
    const text = await fs.readFile(path.join(dir, 'package.json'), 'utf8').catch(() => null);
    if (text !== null) {
      try {
        const pkg = JSON.parse(text) as { name?: unknown; version?: unknown };
        if (pkg.name === npmPackage && typeof pkg.version === 'string') return parseVersion(pkg.version);
      } catch {
        return null;
      }
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

/**
 * Looks up every agent CLI on `envPath` and finds each one's version: from its npm package.json
 * when it is an npm install, else by running `<cli> --version`; all in parallel. Never throws: a
 * CLI that fails or hangs gets `version: null`.
 */
export async function discoverAgents(
  envPath: string,
  options: { env?: Record<string, string>; run?: VersionRunner; timeoutMs?: number } = {},
): Promise<AgentAvailability[]> {
  const run = options.run ?? runVersion;
  const env = { ...(options.env ?? {}), PATH: envPath };
  return Promise.all(
    presetAgentKinds.map(async (kind): Promise<AgentAvailability> => {
      const { command, npmPackage } = agentPackages[kind];
      const found = await which(command, { path: envPath, nothrow: true });
      let version = found ? await packageVersion(found, npmPackage) : null;
      if (found && version === null) {
        const output = await run(found, env, options.timeoutMs ?? VERSION_TIMEOUT_MS);
        version = output === null ? null : parseVersion(output);
      }
      return {
        kind,
        command,
        path: found,
        version,
        installCommand: `npm i -g ${npmPackage}`,
      };
    }),
  );
}

/** {@link discoverAgents} with a short cache and one lookup in flight at a time. */
export class AgentDiscovery {
  private cached: { at: number; path: string; result: AgentAvailability[] } | null = null;
  private inflight: Promise<AgentAvailability[]> | null = null;

  constructor(
    private readonly envOf: () => Record<string, string>,
    private readonly run: VersionRunner = runVersion,
    private readonly now: () => number = Date.now,
  ) {}

  /** The installed agents; `refresh` ignores the cache. */
  list(refresh = false): Promise<AgentAvailability[]> {
    const env = this.envOf();
    const envPath = env.PATH ?? '';
    const c = this.cached;
    if (!refresh && c && c.path === envPath && this.now() - c.at < DISCOVERY_TTL_MS) {
      return Promise.resolve(structuredClone(c.result));
    }
    if (this.inflight) return this.inflight.then((r) => structuredClone(r));
    this.inflight = discoverAgents(envPath, { env, run: this.run })
      .then((result) => {
        this.cached = { at: this.now(), path: envPath, result };
        return result;
      })
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight.then((r) => structuredClone(r));
  }
}
