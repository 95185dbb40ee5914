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
} from '../../contract/bridge.js';
import type { CoreOptions } from './app-types.js';
import type { ClientState } from './client-state.js';
import type { SessionManager } from './sessions/session-manager.js';
import type { SettingsService } from './settings/settings.js';
import type { Attention } from './attention.js';
import type { PhoneService } from './telegram/phone-service.js';

/** What the handlers work with. */
export interface CoreServices {
  options: CoreOptions;
  sessions: SessionManager;
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
    'session.create': async ({ spec, cols, rows }) => {
      const id = await s.sessions.create(spec, cols, rows);
      s.settings.update({ defaultCwd: s.sessions.spec(id)!.cwd });
      s.settings.noteFolder(s.sessions.spec(id)!.cwd);
      return mustExist(s, id);
    },
    'session.attach': async ({ id }, client) => {
      mustExist(s, id);
      const session = s.sessions.get(id)!;
      if (!client) return { data: '', cols: session.screen.cols, rows: session.screen.rows };
      const attachment = session.attach((data) => client.sink.send('session.data', { id, data }));
      client.setAttachment(id, attachment);
      return attachment.snapshot;
    },
    'session.detach': ({ id }, client) => {
      client?.detach(id);
      return null;
    },
    'session.write': ({ id, data }) => {
      s.sessions.get(id)?.write(data);
      s.attention.userTyped(id);
      return null;
    },
    'session.resize': ({ id, cols, rows }) => {
      const session = s.sessions.get(id);
      if (!session) return null;
      session.resize(cols, rows);
      // The view that resized owns the size now; the others show the program at this size.
      s.broadcast('session.resized', { id, cols: session.screen.cols, rows: session.screen.rows });
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
      await s.sessions.restart(id, cols, rows);
      const session = s.sessions.get(id);
      if (session) {
        s.broadcast('session.resized', { id, cols: session.screen.cols, rows: session.screen.rows });
      }
      return mustExist(s, id);
    },
    'session.remove': async ({ id }) => {
      await s.sessions.remove(id);
      return null;
    },
    'session.rename': ({ id, name }) => {
      mustExist(s, id);
      s.sessions.rename(id, name);
      return mustExist(s, id);
    },
    'sessions.reorder': ({ ids }) => {
      s.broadcast('sessions.reordered', { ids: s.sessions.reorder(ids) });
      return null;
    },
    'session.answer': ({ id, promptId, option }) => {
      const refused = s.attention.answer(id, promptId, option, 'desk');
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
