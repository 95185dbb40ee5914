/**
 * New work from the chat: `/new` offers the installed agents, then the folders used at the desk
 * (plus those listed in Settings) as buttons, starts the session and confirms with its name (a
 * reply to the confirmation types into it); sent as a reply to a session's message, `/new` is
 * left to the replies composer (an agent's own command). `/close <name>` asks first, then ends
 * the session and removes its tab.
 */
import { Composer, type Context } from 'grammy';
import { agentLabels, type AgentKind } from '../../../../contract/bridge.js';
import type { BotDeps } from '../bot-deps.js';
import { escapeHtml } from '../format.js';
import { dataKey } from '../keyboards.js';
import { agentsKeyboard, closeKeyboard, foldersKeyboard, REMOTE_CALLBACKS } from '../remote-keyboards.js';
import { findSession } from './commands.js';

/** The sessions composer (paired chat only: install after the guard). */
export function sessionsComposer(deps: BotDeps): Composer<Context> {
  const composer = new Composer<Context>();
  const { relay, host } = deps;

  composer.command('new', async (ctx, next) => {
    // `/new` replying to a session's message is that agent's own command (Codex has one): pass it on.
    const replyTo = ctx.message?.reply_to_message?.message_id;
    if (replyTo !== undefined && relay.sessionOfMessage(replyTo)) return next();
    const agents = await host.installedAgents();
    relay.say('🆕 Start which agent?', { keyboard: agentsKeyboard(agents) });
  });

  /** The agent of a tapped button when it is (still) installed here, else null. */
  const installed = async (name: string | undefined): Promise<AgentKind | null> =>
    (await host.installedAgents()).find((a) => a === name) ?? null;

  composer.callbackQuery(REMOTE_CALLBACKS.newAgent, async (ctx) => {
    const agent = await installed(ctx.match[1]);
    if (!agent) return ctx.answerCallbackQuery({ text: 'That agent is not installed here.' });
    const folders = host.newSessionFolders();
    await ctx.answerCallbackQuery({ text: agentLabels[agent] });
    if (folders.length === 0) {
      relay.say(
        'No folders to offer yet. Start a session at the desk once, or list folders under Settings → Phone.',
      );
      return;
    }
    const list = folders.map((f) => `• <code>${escapeHtml(f)}</code>`).join('\n');
    const html = `🆕 <b>${escapeHtml(agentLabels[agent])}</b> in which folder?\n${list}`;
    const message = ctx.callbackQuery.message;
    if (message) relay.edit(message.message_id, html, foldersKeyboard(agent, folders));
    else relay.say(html, { keyboard: foldersKeyboard(agent, folders) });
  });

  composer.callbackQuery(REMOTE_CALLBACKS.newFolder, async (ctx) => {
    const agent = await installed(ctx.match[1]);
    if (!agent) return ctx.answerCallbackQuery({ text: 'That agent is not installed here.' });
    const cwd = host.newSessionFolders().find((f) => dataKey(f) === ctx.match[2]);
    if (!cwd) return ctx.answerCallbackQuery({ text: 'That folder is no longer offered. Try /new again.' });
    await ctx.answerCallbackQuery({ text: 'Starting…' });
    const message = ctx.callbackQuery.message;
    if (message)
      relay.edit(
        message.message_id,
        `🆕 Starting <b>${escapeHtml(agentLabels[agent])}</b> in <code>${escapeHtml(cwd)}</code>…`,
      );
    const created = await host.createSession(agent, cwd);
    if ('refused' in created) {
      relay.say(`Could not start it: ${escapeHtml(created.refused)}`);
      return;
    }
    const session = created.session;
    relay.setTarget(session.id);
    relay.say(
      `▶️ Started <b>${escapeHtml(session.name)}</b> (${escapeHtml(agentLabels[agent])}) in <code>${escapeHtml(cwd)}</code>. Plain text now goes to it.`,
      { sessionId: session.id },
    );
  });

  composer.command('close', (ctx) => {
    const name = ctx.match.trim();
    if (!name) {
      relay.say('Which session? Use /close &lt;name&gt;; /sessions lists them.');
      return;
    }
    const session = findSession(host.listSessions(), name, null);
    if (!session) {
      relay.say(`No session named “${escapeHtml(name)}”. /sessions lists them.`);
      return;
    }
    relay.say(`Close <b>${escapeHtml(session.name)}</b>? Its process ends and its tab is removed.`, {
      sessionId: session.id,
      keyboard: closeKeyboard(session.id),
    });
  });

  composer.callbackQuery(REMOTE_CALLBACKS.close, async (ctx) => {
    const session = relay.sessionByKey(ctx.match[1]!);
    if (!session) return ctx.answerCallbackQuery({ text: 'That session is already gone.' });
    await ctx.answerCallbackQuery({ text: `Closing ${session.name}` });
    await host.closeSession(session.id);
    const message = ctx.callbackQuery.message;
    if (message) relay.edit(message.message_id, `⏹ Closed <b>${escapeHtml(session.name)}</b>.`);
  });

  composer.callbackQuery(REMOTE_CALLBACKS.keep, async (ctx) => {
    const session = relay.sessionByKey(ctx.match[1]!);
    await ctx.answerCallbackQuery({ text: 'Kept' });
    const message = ctx.callbackQuery.message;
    if (message)
      relay.edit(message.message_id, `Kept <b>${escapeHtml(session?.name ?? 'the session')}</b> running.`);
  });
  return composer;
}
