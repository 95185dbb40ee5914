/**
 * Chat commands of the paired chat: /sessions, /screen [name], /keys, /pause, /resume (with what
 * was raised while paused), /unpair, /help (and /start without a token, which shows help).
 * {@link BOT_COMMANDS} is what `setMyCommands` registers, including the commands of the
 * progress (/progress, /queue) and sessions (/new, /close) composers.
 */
import { Composer, type Context } from 'grammy';
import type { SessionInfo } from '../../../../contract/bridge.js';
import type { BotDeps } from '../bot-deps.js';
import { escapeHtml, formatSessions, HELP_TEXT } from '../format.js';
import { sessionsKeyboard } from '../keyboards.js';

/** The command menu registered with setMyCommands. */
export const BOT_COMMANDS = [
  { command: 'sessions', description: 'List sessions and pick one' },
  { command: 'screen', description: 'Show a session’s screen: /screen [name]' },
  { command: 'keys', description: 'Keypad for the picked session' },
  { command: 'new', description: 'Start a session: pick the agent and folder' },
  { command: 'close', description: 'End a session: /close name' },
  { command: 'queue', description: 'Texts waiting for a busy session: /queue [clear]' },
  { command: 'progress', description: 'Live progress messages: /progress on|off' },
  { command: 'pause', description: 'Pause notifications' },
  { command: 'resume', description: 'Resume notifications' },
  { command: 'unpair', description: 'Unlink this chat from the computer' },
  { command: 'help', description: 'What this bot does' },
];

/**
 * Finds a session by name: exact (case-insensitive), then prefix; without a name, the target
 * session, else the only session, else the one that needs attention.
 */
export function findSession(
  sessions: SessionInfo[],
  name: string,
  target: SessionInfo | null,
): SessionInfo | null {
  const wanted = name.trim().toLowerCase();
  if (wanted) {
    return (
      sessions.find((s) => s.name.toLowerCase() === wanted) ??
      sessions.find((s) => s.name.toLowerCase().startsWith(wanted)) ??
      null
    );
  }
  if (target) return target;
  if (sessions.length === 1) return sessions[0]!;
  return sessions.find((s) => s.state === 'needs-attention') ?? null;
}

/** The commands composer (paired chat only: install after the guard). */
export function commandsComposer(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  const { relay } = deps;
  composer.command(['help', 'start'], () => relay.say(HELP_TEXT));
  composer.command('sessions', () => {
    const sessions = deps.host.listSessions();
    relay.say(formatSessions(sessions), sessions.length ? { keyboard: sessionsKeyboard(sessions) } : {});
  });
  composer.command('screen', (ctx) => {
    const sessions = deps.host.listSessions();
    const session = findSession(sessions, ctx.match, relay.targetSession());
    if (session) return relay.sendScreen(session);
    relay.say(
      ctx.match.trim()
        ? `No session named “${escapeHtml(ctx.match.trim())}”. /sessions lists them.`
        : 'Which session? Use /screen &lt;name&gt; or pick one in /sessions.',
    );
  });
  composer.command('keys', () => {
    const sessions = deps.host.listSessions();
    const session = findSession(sessions, '', relay.targetSession());
    if (session) return relay.sendKeypad(session);
    relay.say('Pick a session first:', sessions.length ? { keyboard: sessionsKeyboard(sessions) } : {});
  });
  composer.command('pause', () => {
    deps.setPaused(true);
    relay.say('🔕 Notifications paused. /resume to turn them back on.');
  });
  composer.command('resume', () => deps.resume());
  composer.command('unpair', () => deps.unpair());
  return composer;
}
