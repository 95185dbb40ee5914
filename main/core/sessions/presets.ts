/**
 * The agent presets' executables and how a session's command line becomes a process to spawn.
 */
import { parse as parseShellWords } from 'shell-quote';
import type { AgentKind, SessionSpec } from '../../../contract/bridge.js';

/** The executable each agent preset runs (looked up on PATH). */
export const presetCommands: Record<Exclude<AgentKind, 'shell' | 'custom'>, string> = {
  claude: 'claude',
  codex: 'codex',
  gemini: 'gemini',
};

/** What to spawn: executable, argv (without argv[0]), and the line shown to the user. */
export interface LaunchPlan {
  file: string;
  args: string[];
  commandLine: string;
}

/** Thrown when a spec cannot become a process (empty custom command). Message is user-readable. */
export class LaunchError extends Error {
  override name = 'LaunchError';
}

/** Host facts a plan depends on. */
export interface PlanContext {
  /** The user's login shell, e.g. "/bin/bash" (Windows: "powershell.exe"). */
  userShell: string;
  platform: NodeJS.Platform;
  /** Extra args for the claude preset (e.g. `--settings <file>` adding our hooks). */
  claudeArgs?: string[];
  /** Extra args for the codex preset (e.g. `-c notify=[…]` adding our notify helper). */
  codexArgs?: string[];
  /** Resume the agent's earlier conversation (see {@link resumeArgs}). */
  resume?: { conversationId: string | null };
}

/**
 * The arguments that make an agent continue an earlier conversation, or null for kinds that
 * cannot (shells and custom commands start again in the same folder).
 * - Claude Code: `--resume <session id>` (the `session_id` of its hooks); with no id known,
 *   `--continue` (the most recent conversation in the folder).
 * - Codex: `resume <id>`, or `resume --last`.
 * - Gemini CLI: `--resume <id>`, or `--resume latest`.
 * Sources: `claude --help`, `codex resume --help`, `gemini --help`.
 */
export function resumeArgs(agent: AgentKind, conversationId: string | null): string[] | null {
  switch (agent) {
    case 'claude':
      return conversationId ? ['--resume', conversationId] : ['--continue'];
    case 'codex':
      return conversationId ? ['resume', conversationId] : ['resume', '--last'];
    case 'gemini':
      return ['--resume', conversationId ?? 'latest'];
    case 'shell':
    case 'custom':
      return null;
  }
}

/** Quotes one word for display the way a POSIX shell would need it. */
function displayWord(word: string): string {
  return /^[\w@%+=:,./~-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Turns a session spec into a launch plan.
 * - presets run their executable (claude gets `ctx.claudeArgs`, codex `ctx.codexArgs`);
 * - `shell` runs the user's shell (a login shell on macOS, as Terminal.app does);
 * - `custom` splits the line into words like a shell; a line with shell syntax (pipes, `&&`,
 *   redirections, globs, variables, `~` paths, leading `NAME=value` assignments) runs through
 *   `<userShell> -c <line>` instead.
 * @throws LaunchError for an empty custom command.
 */
export function planLaunch(spec: Pick<SessionSpec, 'agent' | 'command'>, ctx: PlanContext): LaunchPlan {
  switch (spec.agent) {
    case 'claude': {
      const resume = ctx.resume ? (resumeArgs('claude', ctx.resume.conversationId) ?? []) : [];
      const args = [...resume, ...(ctx.claudeArgs ?? [])];
      // The shown line leaves out our own hook settings: they are plumbing, not the user's command.
      const commandLine = [presetCommands.claude, ...resume].map(displayWord).join(' ');
      return { file: presetCommands.claude, args, commandLine };
    }
    case 'codex': {
      // Our notify plumbing (`-c notify=[…]`) goes before the `resume` subcommand; as for
      // claude, the shown line leaves it out.
      const resume = ctx.resume ? (resumeArgs('codex', ctx.resume.conversationId) ?? []) : [];
      const args = [...(ctx.codexArgs ?? []), ...resume];
      const commandLine = [presetCommands.codex, ...resume].map(displayWord).join(' ');
      return { file: presetCommands.codex, args, commandLine };
    }
    case 'gemini': {
      const args = ctx.resume ? (resumeArgs('gemini', ctx.resume.conversationId) ?? []) : [];
      const file = presetCommands.gemini;
      return { file, args, commandLine: [file, ...args].map(displayWord).join(' ') };
    }
    case 'shell': {
      const args = ctx.platform === 'darwin' ? ['-l'] : [];
      return { file: ctx.userShell, args, commandLine: [ctx.userShell, ...args].join(' ') };
    }
    case 'custom': {
      const line = spec.command.trim();
      if (!line) throw new LaunchError('Enter a command to run.');
      const words = parseShellWords(line, (name) => `$${name}`);
      // `~` expansion and `NAME=value cmd` assignments need a shell too (shell-quote keeps them as words).
      const plain =
        words.every((w): w is string => typeof w === 'string') &&
        !/[$`*?]/.test(line) &&
        !/(^|\s)~/.test(line) &&
        !/^[A-Za-z_]\w*=/.test(line);
      if (plain && words.length > 0) {
        const [file, ...args] = words as string[];
        return { file: file!, args, commandLine: [file!, ...args].map(displayWord).join(' ') };
      }
      const flag = ctx.platform === 'win32' ? '/c' : '-c';
      return { file: ctx.userShell, args: [flag, line], commandLine: line };
    }
  }
}
