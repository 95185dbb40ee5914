/**
 * Wires the core together: settings, sessions, prompt detection, the Claude hook channel, the
 * Telegram side, and the clients (windows or browser tabs). Both shells call {@link createCore}.
 */
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
} from '../../contract/bridge.js';
import type { ClientConnection, ClientSink, Core, CoreOptions, CoreSnapshot } from './app-types.js';
import { Emitter } from './base/event.js';
import { ClientState } from './client-state.js';
import { makeHandlers, type CoreServices } from './app-handlers.js';
import { SessionManager } from './sessions/session-manager.js';
import { SettingsService } from './settings/settings.js';
import { AuditLog } from './settings/audit-log.js';
import { preparePrivateDir } from './settings/data-files.js';
import { repairStoredValues } from './settings/recovery.js';
import { Attention } from './attention.js';
import { createPhone } from './phone.js';
import { userShell } from './sessions/user-shell.js';
import { sessionEnv } from './sessions/session-env.js';
import { TurnTracker } from './turns.js';

/** The app's root folder (two levels above this module once bundled into dist/<shell>/). */
function appRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '..', '..');
}

/**
 * Creates the core. Restores the saved session list (not started), starts the hook channel and,
 * when a bot token is stored, the Telegram bot.
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

  let attention: Attention | null = null;
  const sessions = new SessionManager({
    store: settings.sessionList(),
    userShell: userShell(),
    appRoot: appRoot(),
    baseEnv: options.baseEnv,
    launchExtras: (id, spec) => attention?.launchExtras(id, spec) ?? {},
  });

  const info = (id: string): SessionInfo | null => {
    const base = sessions.info(id);
    if (!base) return null;
    const prompt = attention?.openPrompt(id) ?? null;
    return { ...base, prompt, state: prompt && base.state === 'running' ? 'needs-attention' : base.state };
  };
  const list = (): SessionInfo[] => sessions.ids().flatMap((id) => info(id) ?? []);
  const publishSession = (id: string): void => {
    const i = info(id);
    if (i) broadcast('session.state', i);
    notifyChange();
  };

  const att = await Attention.create({
    dataDir: options.dataDir,
    hookRunner: options.hookRunner,
    sessions,
    settings,
    presence: options.presence,
    onPromptChange: publishSession,
  });
  attention = att;

  const turns = new TurnTracker({ agentOf: (id) => sessions.spec(id)?.agent ?? null });
  att.onHook((id, event) => turns.hook(id, event));
  att.onPromptOpened(({ sessionId, prompt }) => turns.promptOpened(sessionId, prompt));
  const phone = createPhone({
    options,
    audit,
    sessions,
    attention: att,
    settings,
    turns,
    sessionPath: () => sessionEnv(options.baseEnv ?? process.env, appRoot()).PATH,
    list,
  });
  att.setSink(phone);
  turns.onEvent((event) => phone.turnEvent(event));
  phone.onState((state) => {
    broadcast('phone.state', state);
    notifyChange();
  });

  sessions.onChanged(publishSession);
  sessions.onChanged((id) => {
    if (!sessions.get(id)?.running) turns.exited(id);
  });
  sessions.onRemoved((id) => {
    turns.exited(id);
    attention?.forget(id);
    broadcast('session.removed', { id });
    notifyChange();
  });
  settings.onChange((s) => {
    broadcast('settings.changed', s);
    notifyChange();
  });
  sessions.restore();

  const services: CoreServices = {
    options,
    sessions,
    settings,
    phone,
    attention: att,
    info,
    list,
    broadcast,
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
    async dispose() {
      for (const c of clients) c.close();
      clients.clear();
      await phone.stop();
      turns.dispose();
      await att.dispose();
      await sessions.disposeAll();
      changed.dispose();
    },
  };
}
