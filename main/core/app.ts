/**
 * Wires the core together: settings, the sessions (which live in the PTY host, reached through
 * {@link RemoteSessions}), the away gate for prompts, the Telegram side, and the clients (windows
 * or browser tabs). Both shells call {@link createCore}.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  parseRequest,
  type EventName,
  type EventPayloads,
  type RequestName,
  type RequestParams,
  type RequestResults,
  type SessionInfo,
  type SetupCheck,
} from '../../contract/bridge.js';
import type { ClientConnection, ClientSink, Core, CoreOptions, CoreSnapshot, QuitPlan } from './app-types.js';
import { Emitter } from './base/event.js';
import { ClientState } from './client-state.js';
import { makeHandlers, type CoreServices } from './app-handlers.js';
import { AgentDiscovery } from './agents/discovery.js';
import { runSetupChecks } from './doctor/checks.js';
import { RemoteSessions } from './ptyhost/remote-sessions.js';
import { API_ROOT_ENV, DEFAULT_TELEGRAM_API_ROOT } from './telegram/phone-service.js';
import { sessionEnv } from './sessions/session-env.js';
import { SettingsService } from './settings/settings.js';
import { AuditLog } from './settings/audit-log.js';
import { preparePrivateDir } from './settings/data-files.js';
import { repairStoredValues } from './settings/recovery.js';
import { Attention, withQuietPrompt } from './attention.js';
import { createPhone } from './phone.js';
import { userShell } from './sessions/user-shell.js';
import { TurnTracker } from './turns.js';

/** The app's root folder (two levels above this module once bundled into dist/<shell>/). */
function appRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '..', '..');
}

/**
 * Creates the core: connects to the data dir's PTY host (starting it when none runs), whose
 * sessions come back as they are (running ones still running, with their screens and open
 * prompts); starts the Telegram bot when a token is stored; resumes sessions stopped by a restart
 * when the "resume at start" setting is on.
 * @throws Error when the PTY host cannot be started or reached.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  preparePrivateDir(options.dataDir);
  const notices = [
    ...(options.startupNotices ?? []),
    ...repairStoredValues(options.settings, options.dataDir),
  ];
  for (const n of notices) process.stderr.write(`[agent-pager] ${n}\n`);
  const settings = new SettingsService(options.settings);
  const audit = new AuditLog(options.dataDir);
  const clients = new Set<ClientState>();
  const changed = new Emitter<void>({ name: 'core.change' });
  let changeQueued = false;

  const broadcast = <E extends EventName>(event: E, payload: EventPayloads[E]): void => {
    for (const c of clients) c.sink.send(event, payload);
  };
  const notifyChange = (): void => {
    if (changeQueued) return;
    changeQueued = true;
    queueMicrotask(() => {
      changeQueued = false;
      changed.fire();
    });
  };

  let sessionsRef: RemoteSessions | null = null;
  const list = (): SessionInfo[] => sessionsRef?.list() ?? [];
  const attention = new Attention({ settings, presence: options.presence, list });
  const legacy = settings.legacySessionList();
  const sessions = await RemoteSessions.connect({
    dataDir: options.dataDir,
    launch: options.ptyHost,
    baseEnv: options.baseEnv,
    hookRunner: options.hookRunner,
    idleSeconds: settings.get().idleSeconds,
    legacySessions: legacy,
    prompts: attention,
    decorate: (i) => withQuietPrompt(i, settings.get().pageIdle),
    log: (m) => console.error(`[ptyhost] ${m}`),
  });
  sessionsRef = sessions;
  if (legacy.length > 0) settings.dropLegacySessionList();
  const info = (id: string): SessionInfo | null => sessions.info(id);

  const turns = new TurnTracker({ agentOf: (id) => sessions.info(id)?.agent ?? null });
  sessions.onHook(({ id, event }) => turns.hook(id, event));
  attention.onPromptOpened(({ sessionId, prompt }) => turns.promptOpened(sessionId, prompt));
  const phone = createPhone({
    options,
    audit,
    sessions,
    attention,
    settings,
    turns,
    sessionPath: () => sessionEnv(options.baseEnv ?? process.env, appRoot()).PATH,
    list,
  });
  attention.setSink(phone);
  turns.onEvent((event) => phone.turnEvent(event));
  phone.onState((state) => {
    broadcast('phone.state', state);
    notifyChange();
  });

  /** Per session, its last seen token use (JSON), so the phone hears only of real changes. */
  const usageSeen = new Map<string, string>();
  sessions.onChanged((id) => {
    const i = info(id);
    if (i) broadcast('session.state', i);
    notifyChange();
    if (!sessions.running(id)) turns.exited(id);
    const usage = JSON.stringify(i?.usage ?? null);
    if (i && usage !== (usageSeen.get(id) ?? 'null')) {
      usageSeen.set(id, usage);
      phone.usageChanged(id);
    }
  });
  sessions.onRemoved((id) => {
    turns.exited(id);
    usageSeen.delete(id);
    broadcast('session.removed', { id });
    notifyChange();
  });
  let idleSeconds = settings.get().idleSeconds;
  let pageIdle = JSON.stringify(settings.get().pageIdle);
  settings.onChange((s) => {
    broadcast('settings.changed', s);
    notifyChange();
    if (JSON.stringify(s.pageIdle) !== pageIdle) {
      // Which prompts are quiet changed: every tab's state may have too.
      pageIdle = JSON.stringify(s.pageIdle);
      for (const i of list()) broadcast('session.state', i);
    }
    if (s.idleSeconds !== idleSeconds) {
      idleSeconds = s.idleSeconds;
      void sessions.configure(s.idleSeconds).catch(() => {});
    }
  });

  const agents = new AgentDiscovery(() => sessionEnv(options.baseEnv ?? process.env, appRoot()));
  const setupChecks = (): Promise<SetupCheck[]> => {
    const phoneState = phone.state();
    // The Claude hook socket belongs to the PTY host (main/core/ptyhost/prompt-watch.ts).
    const hookSocket = path.join(options.dataDir, 'hooks.sock');
    return runSetupChecks({
      dataDir: options.dataDir,
      appRoot: appRoot(),
      env: sessionEnv(options.baseEnv ?? process.env, appRoot()),
      token: options.secrets.get(),
      telegramApiRoot: (
        options.telegramApiRoot ??
        process.env[API_ROOT_ENV] ??
        DEFAULT_TELEGRAM_API_ROOT
      ).replace(/\/+$/, ''),
      paired: phoneState.paired
        ? { chatId: phoneState.paired.chatId, username: phoneState.paired.username }
        : null,
      polling: phoneState.polling,
      hookSocket: existsSync(hookSocket) ? hookSocket : null,
      startAtLogin: settings.get().startAtLogin,
      host: options.hostKind,
    });
  };
  const services: CoreServices = {
    options,
    agents,
    setupChecks,
    broadcast,
    sessions,
    settings,
    phone,
    attention,
    info,
    list,
    hostInfo: () => ({
      shell: options.hostKind,
      platform: process.platform,
      hostname: options.computerName ?? os.hostname(),
      homeDir: os.homedir(),
      version: options.version,
      userShell: userShell(),
      canPickDirectory: Boolean(options.pickDirectory),
      notices,
    }),
  };
  const handlers = makeHandlers(services);

  const run = async (client: ClientState | null, name: unknown, params: unknown): Promise<unknown> => {
    const req = parseRequest(name, params);
    const handler = handlers[req.name] as (p: unknown, c: ClientState | null) => unknown;
    return await handler(req.params, client);
  };

  await phone.start();
  // Prompts open in the PTY host while no app was connected: the gate decides now.
  attention.synced(list());
  if (settings.get().resumeOnStart) await handlers['sessions.resumeAll']({}, null);

  return {
    connect(sink: ClientSink): ClientConnection {
      const client = new ClientState(sink);
      clients.add(client);
      return {
        handle: (name, params) => run(client, name, params),
        close: () => {
          client.close();
          clients.delete(client);
        },
      };
    },
    broadcast,
    request: <K extends RequestName>(name: K, params: RequestParams<K>) =>
      run(null, name, params) as Promise<RequestResults[K]>,
    snapshot: (): CoreSnapshot => ({ sessions: list(), phone: phone.state(), settings: settings.get() }),
    onChange: changed.event,
    quitPlan: (): QuitPlan => ({
      running: list().filter((s) => sessions.running(s.id)).length,
      onQuit: settings.get().onQuit,
    }),
    ptyHostPid: () => sessions.hostPid,
    async dispose(opts = { stopAgents: true }) {
      for (const c of clients) c.close();
      clients.clear();
      await phone.stop();
      turns.dispose();
      attention.dispose();
      await sessions.dispose(opts.stopAgents);
      changed.dispose();
    },
  };
}
