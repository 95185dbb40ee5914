/**
 * What the phone-driven prompt benchmark (bench/prompt-latency.ts) needs to know about one agent
 * CLI: how to start it offline against its fake model API, what its approval prompt looks like on
 * the screen, and which of the prompt's buttons approves. Every driver's fake model answers the
 * same way: a user message naming "turn N" asks for the shell command {@link turnCommand}(N), and
 * the command's result ends the turn with "Done.".
 */
import type { AgentKind } from '../../contract/bridge.js';
import type { AgentEnv } from '../../test/support/codex-env.js';

/** A started agent environment: its fake model API is listening until {@link AgentSetup.close}. */
export interface AgentSetup {
  /** The CLI's executable, linked into the host's PATH under the preset's command name. */
  bin: string;
  /** The environment the host (and so the session) runs with. */
  env: Record<string, string>;
  /** The session's working directory (trusted by the agent, a git repository). */
  cwd: string;
  /** Stops the fake model API and removes the temp folders. */
  close(): Promise<void>;
}

/** A fake model API as the drivers use it. */
interface FakeModelApi {
  start(): Promise<{ url: string }>;
  close(): Promise<void>;
}

/**
 * Starts `api`, then the agent's throw-away environment against its URL, and returns them as one
 * {@link AgentSetup}. Closes the API again when the environment cannot be made.
 * @throws what `makeEnv` throws.
 */
export async function startAgentSetup(
  api: FakeModelApi,
  bin: string,
  makeEnv: (baseUrl: string) => Promise<AgentEnv>,
): Promise<AgentSetup> {
  const { url } = await api.start();
  const env = await makeEnv(url).catch(async (error: unknown) => {
    await api.close();
    throw error;
  });
  return {
    bin,
    env: env.env,
    cwd: env.cwd,
    async close() {
      await api.close();
      await env.cleanup();
    },
  };
}

/** One agent CLI as the prompt benchmark drives it. */
export interface AgentDriver {
  /** Name in the figures ("Claude", "Codex", "Gemini"). */
  label: string;
  /** The session preset. */
  agent: AgentKind;
  /** Target for the p95 of first frame → `sendMessage`, in ms (issue 11). */
  targetP95Ms: number;
  /** Starts the fake model API and prepares the CLI's home and working directory. */
  start(): Promise<AgentSetup>;
  /** Text on the screen once the CLI takes input. */
  ready: string;
  /**
   * The turn whose approval prompt is on `screen` (the viewport's text, rows joined by "\n"):
   * the prompt's question and first option are drawn; null when no prompt is shown.
   */
  promptTurn(screen: string): number | null;
  /**
   * Every option the prompt message must carry as a button, in the CLI's order; the first one
   * approves (the benchmark taps it).
   */
  options: RegExp[];
}

/** The shell command turn `n` asks for. */
export function turnCommand(n: number): string {
  return `echo ${n} > turn-${n}.txt`;
}

/** The turn number a user message asks for ("turn 7" → 7), or null. */
export function askedTurn(text: string): number | null {
  const m = /\bturn (\d+)\b/.exec(text);
  return m ? Number(m[1]) : null;
}

/**
 * The last turn command drawn above `end` in `screen` (a prompt shows the command it asks about;
 * older turns' commands stay above it in the scrollback), or null.
 */
export function lastCommandTurn(screen: string, end: number): number | null {
  const commands = [...screen.slice(0, end).matchAll(/echo (\d+) > turn-\d+\.txt/g)];
  return commands.length ? Number(commands.at(-1)![1]) : null;
}
