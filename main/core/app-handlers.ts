/**
 * One handler per request of the bridge contract. Params arrive already validated by the
 * contract's schemas; handlers throw Error with a user-readable message on failure.
 */
import type {
  EventName,
  EventPayloads,
  ParsedParams,
  RequestName,
  RequestResults,
  HostInfo,
  SessionInfo,
  SetupCheck,
} from '../../contract/bridge.js';
import type { CoreOptions } from './app-types.js';
import type { ClientState } from './client-state.js';
import type { RemoteSessions } from './ptyhost/remote-sessions.js';
import type { SettingsService } from './settings/settings.js';
import type { Attention } from './attention.js';
import type { PhoneService } from './telegram/phone-service.js';
import type { AgentDiscovery } from './agents/discovery.js';

/** What the handlers work with. */
export interface CoreServices {
  options: CoreOptions;
  agents: AgentDiscovery;
  /** Runs the setup checks with what the running app knows. */
  setupChecks(): Promise<SetupCheck[]>;
  sessions: RemoteSessions;
  settings: SettingsService;
  phone: PhoneService;
  attention: Attention;
  info(id: string): SessionInfo | null;
  list(): SessionInfo[];
  hostInfo(): HostInfo;
  /** Sends an event to every connected client. */
  broadcast<E extends EventName>(event: E, payload: EventPayloads[E]): void;
}

/** Handler table type: every request name must have a handler. */
export type Handlers = {
  [K in RequestName]: (
    params: ParsedParams<K>,
    client: ClientState | null,
  ) => Promise<RequestResults[K]> | RequestResults[K];
};

/** Throws the user-readable "no such session" error. */
function mustExist(s: CoreServices, id: string): SessionInfo {
  const info = s.info(id);
  if (!info) throw new Error('That session no longer exists.');
  return info;
}

/** Builds the handler table. */
export function makeHandlers(s: CoreServices): Handlers {
  return {
    'host.info': () => s.hostInfo(),
    'host.pickDirectory': async ({ defaultPath }) =>
      s.options.pickDirectory ? s.options.pickDirectory(defaultPath) : null,
    'sessions.list': () => s.list(),
    'agents.list': ({ refresh }) => s.agents.list(refresh ?? false),
    'setup.check': () => s.setupChecks(),
    'session.create': async ({ spec, cols, rows }) => {
      const info = await s.sessions.create(spec, cols, rows);
      s.settings.update({ defaultCwd: info.cwd });
      s.settings.noteFolder(info.cwd);
      return info;
    },
    'session.attach': async ({ id }, client) => {
      mustExist(s, id);
      if (!client) {
        const once = s.sessions.attach(id, () => undefined);
        const snapshot = await once.snapshot;
        once.detach();
        return snapshot;
      }
      const attachment = s.sessions.attach(id, (data) => client.sink.send('session.data', { id, data }));
      client.setAttachment(id, attachment);
      return attachment.snapshot;
    },
    'session.detach': ({ id }, client) => {
      client?.detach(id);
      return null;
    },
    'session.write': async ({ id, data }) => {
      await s.sessions.write(id, data, 'desk');
      return null;
    },
    'session.resize': async ({ id, cols, rows }) => {
      const size = await s.sessions.resize(id, cols, rows);
      // The view that resized owns the size now; the others show the program at this size.
      if (size) s.broadcast('session.resized', { id, ...size });
      return null;
    },
    'session.ack': ({ id, chars }, client) => {
      client?.attachment(id)?.ack(chars);
      return null;
    },
    'session.kill': async ({ id }) => {
      mustExist(s, id);
      await s.sessions.kill(id);
      return null;
    },
    'session.restart': async ({ id, cols, rows }) => {
      mustExist(s, id);
      const info = await s.sessions.restart(id, cols, rows);
      if (cols !== undefined && rows !== undefined) s.broadcast('session.resized', { id, cols, rows });
      return info;
    },
    'session.resume': async ({ id, cols, rows }) => {
      mustExist(s, id);
      return await s.sessions.resume(id, cols, rows);
    },
    'sessions.resumeAll': async () => {
      for (const info of s.list()) {
        if (info.stoppedByRestart) await s.sessions.resume(info.id).catch(() => undefined);
      }
      return s.list();
    },
    'session.remove': async ({ id }) => {
      await s.sessions.remove(id);
      return null;
    },
    'session.rename': async ({ id, name }) => {
      mustExist(s, id);
      await s.sessions.rename(id, name);
      return mustExist(s, id);
    },
    'sessions.reorder': async ({ ids }) => {
      s.broadcast('sessions.reordered', { ids: await s.sessions.reorder(ids) });
      return null;
    },
    'session.answer': async ({ id, promptId, option }) => {
      const refused = await s.sessions.answer(id, promptId, option, 'desk');
      if (refused) throw new Error('That prompt is no longer open.');
      return null;
    },
    'settings.get': () => s.settings.get(),
    'settings.update': ({ patch }) => s.settings.update(patch),
    'phone.state': () => s.phone.state(),
    'phone.setToken': async ({ token }) => s.phone.setToken(token),
    'phone.clearToken': async () => s.phone.clearToken(),
    'phone.setPaused': ({ paused }) => s.phone.setPaused(paused),
    'pairing.begin': async () => s.phone.beginPairing(),
    'pairing.cancel': () => s.phone.cancelPairing(),
    'pairing.unpair': async () => s.phone.unpair(),
  };
}
