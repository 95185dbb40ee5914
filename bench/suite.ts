/**
 * Every benchmark in one run, with the machine it ran on. `smoke` runs each once at a tiny size
 * (for `npm test`, so the suite never rots); the full run uses the sizes the targets need.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { baselines } from './baselines.js';
import { browserTerminal } from './browser-terminal.js';
import { detect, flood } from './host-path.js';
import { promptLatency } from './prompt-latency.js';
import { scale } from './scale.js';
import type { Figure } from './support/stats.js';

/** Sizes of one run. */
export interface SuiteSizes {
  /** Phone-driven turns per agent (Claude, Codex, Gemini). */
  turns: number;
  /** Drive the agents at the same time (each with its own host), not one after the other. */
  agentsTogether: boolean;
  /** Keystrokes per echo sample. */
  keystrokes: number;
  /** `seq` lines for throughput. */
  lines: number;
  ctrlCRuns: number;
  scale: { small: number; large: number; windowMs: number };
  floodSeconds: number;
}

/** The full run: ≥ 30 turns, as the targets ask. */
export const FULL: SuiteSizes = {
  turns: 30,
  agentsTogether: false,
  keystrokes: 40,
  lines: 400_000,
  ctrlCRuns: 10,
  scale: { small: 10, large: 50, windowMs: 5000 },
  floodSeconds: 3,
};

/** One run of each, tiny. */
export const SMOKE: SuiteSizes = {
  turns: 2,
  agentsTogether: true,
  keystrokes: 2,
  lines: 2000,
  ctrlCRuns: 1,
  scale: { small: 1, large: 2, windowMs: 300 },
  floodSeconds: 0.5,
};

/** Where and when a run happened. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  /** 1-minute load average at the start and the end (the machine is shared). */
  loadStart: number;
  loadEnd: number;
  commit: string;
  date: string;
}

/** A run's output. */
export interface SuiteResult {
  machine: Machine;
  groups: Record<string, Figure[]>;
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/**
 * Runs every group; `only` restricts to the named groups. `log` hears progress.
 * @throws whatever a benchmark throws (a broken flow is an error, not a figure).
 */
export async function runSuite(
  sizes: SuiteSizes,
  log: (line: string) => void = () => undefined,
  only: string[] = [],
): Promise<SuiteResult> {
  const loadStart = os.loadavg()[0]!;
  const groups: Record<string, Figure[]> = {};
  const want = (g: string): boolean => only.length === 0 || only.includes(g);
  if (want('phone')) {
    log('phone: prompt → phone, tap → PTY, reply → PTY');
    groups.phone = await promptLatency(sizes.turns, { together: sizes.agentsTogether, log });
  }
  if (want('page')) {
    log('page: echo, throughput, Ctrl-C');
    groups.page = await browserTerminal(sizes.keystrokes, sizes.lines, sizes.ctrlCRuns);
  }
  if (want('baselines')) {
    log('baselines: node-pty, @xterm/headless, session');
    groups.baselines = await baselines(sizes.lines);
  }
  if (want('host')) {
    log('host: flood, detection');
    const f = await flood(sizes.floodSeconds);
    const d = await detect(sizes.floodSeconds >= 1 ? 2000 : 50);
    groups.host = [
      {
        name: 'Session under `yes` with an acking view',
        unit: 'chars/s',
        stat: 'rate',
        value: f.charsPerSecond,
      },
      {
        name: 'Peak unacknowledged chars in the screen model',
        unit: 'chars',
        stat: 'max',
        value: f.peakScreenBacklogChars,
      },
      { name: 'Ctrl-C → prompt on the screen model', unit: 'ms', stat: 'sample', value: f.ctrlCToPromptMs },
      {
        name: 'Prompt detection pass, 120×40 permission screen',
        unit: 'ms',
        stat: 'mean',
        value: d.msPerPass,
      },
    ];
  }
  if (want('scale')) {
    log('scale: sessions idle and busy');
    groups.scale = await scale(sizes.scale.small, sizes.scale.large, sizes.scale.windowMs);
  }
  const cpus = os.cpus();
  return {
    machine: {
      cpu: cpus[0]?.model ?? 'unknown',
      cores: cpus.length,
      memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      node: process.version,
      loadStart: Math.round(loadStart * 100) / 100,
      loadEnd: Math.round(os.loadavg()[0]! * 100) / 100,
      commit: commit(),
      date: new Date().toISOString(),
    },
    groups,
  };
}
