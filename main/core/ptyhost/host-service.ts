/**
 * The PTY host's work: owns the sessions (node-pty + screen models, batching, flow control), the
 * prompt trackers and the Claude hook channel, persists the session list, and serves apps that
 * connect over the local socket (protocol.ts). Several apps may connect; each gets every event,
 * and output only for what it attached.
 *
 * An app that goes away (quit, crash) releases its attachments, so a dead app never holds a PTY
 * paused; the sessions keep running. The host reports when it is idle (no client and no running
 * session) so its entry point can exit.
 */
import type net from 'node:net';
import type { PromptInfo, SessionInfo } from '../../../contract/bridge.js';
import type { HookRunner } from '../app-types.js';
import { Emitter } from '../base/event.js';
import type { HookEvent } from '../claude/hook-event.js';
import { UsageTracker } from '../claude/usage-tracker.js';
import type { PromptCloseReason } from '../prompts/types.js';
import type { Attachment } from '../sessions/session.js';
import { SessionManager, storedSessionSchema } from '../sessions/session-manager.js';
import { sessionFileStore } from '../sessions/session-file.js';
import { FrameConnection } from './framing.js';
import { PromptWatch } from './prompt-watch.js';
import {
  parseHostRequest,
  PTY_PROTOCOL_VERSION,
  TURN_HOOK_EVENTS,
  type HostEventName,
  type HostEventPayload,
  type HostParsedParams,
  type HostRequestName,
  type HostResult,
} from './protocol.js';

/** Options of {@link PtyHostService.create}. */
export interface PtyHostServiceOptions {
  dataDir: string;
  /** The session list file (see ptyHostPaths). */
  sessionsFile: string;
  hookRunner: HookRunner;
  userShell: string;
  /** The app's root, to strip npm's PATH additions from session environments. */
  appRoot: string;
  /** Where warnings go (the PTY host's log file). */
  log: (message: string) => void;
  /**
   * Called once a shutdown has ended every session, before any client hears the close: the entry
   * point stops listening and gives up its socket and lock here, so an app that hears the close
   * and starts again reaches a fresh PTY host, never this exiting one.
   */
  onStopping?: () => void;
}

/** One connected app. */
interface Client {
  conn: FrameConnection;
  greeted: boolean;
  attachments: Map<number, { sessionId: string; attachment: Attachment }>;
}

type Handler<K extends HostRequestName> = (
  params: HostParsedParams<K>,
  client: Client,
) => Promise<HostResult<K>> | HostResult<K>;

/** The sessions and prompts of one data dir, served to connected apps. */
export class PtyHostService {
  private readonly clients = new Set<Client>();
  private readonly idleChange = new Emitter<void>({ name: 'ptyhost.idle' });
  /** Fires whenever {@link PtyHostService.idle} or {@link PtyHostService.stopped} may have changed. */
  readonly onIdleChange = this.idleChange.event;
  private idleSeconds = 3;
  private shuttingDown = false;
  private shutDown = false;
  private watch!: PromptWatch;
  /** Token use and cost of Claude Code sessions, read from the transcripts their hooks name. */
  private readonly usage = new UsageTracker();

  private constructor(
    private readonly options: PtyHostServiceOptions,
    readonly sessions: SessionManager,
  ) {}

  /** Restores the saved list (running ones become "stopped by a restart") and starts the hook channel. */
  static async create(options: PtyHostServiceOptions): Promise<PtyHostService> {
    let watch: PromptWatch | null = null;
    const sessions = new SessionManager({
      store: sessionFileStore(options.sessionsFile, options.log),
      userShell: options.userShell,
      appRoot: options.appRoot,
      launchExtras: (id, spec) => watch?.launchExtras(id, spec) ?? {},
    });
    const service = new PtyHostService(options, sessions);
    watch = await PromptWatch.create({
      dataDir: options.dataDir,
      hookRunner: options.hookRunner,
      sessions,
      idleSeconds: () => service.idleSeconds,
      onPromptChange: (id) => service.publish(id),
      onHook: (id, event) => service.hookEvent(id, event),
    });
    service.watch = watch;
    watch.onHookEvent((id, event) => void service.usage.handle(id, event).catch(() => undefined));
    service.usage.onChange((id) => service.publish(id));
    watch.setSink({
      promptOpened: (prompt, session) => service.promptEvent('prompt.opened', prompt, session),
      promptUpdated: (prompt, session) => service.promptEvent('prompt.updated', prompt, session),
      promptClosed: (prompt, reason) => service.closedEvent(prompt, reason),
    });
    sessions.onChanged((id) => {
      service.publish(id);
      service.idleChanged();
    });
    sessions.onRemoved((id) => {
      watch.forget(id);
      service.usage.forget(id);
      service.broadcast('session.removed', { id });
      service.idleChanged();
    });
    sessions.restore();
    return service;
  }

  /** True once a shutdown (request or call) has finished. */
  get stopped(): boolean {
    return this.shutDown;
  }

  /** True when no app is connected and no session runs. */
  get idle(): boolean {
    return this.clients.size === 0 && !this.sessions.ids().some((id) => this.sessions.get(id)?.running);
  }

  /** Serves one app connection. */
  accept(socket: net.Socket): void {
    if (this.shuttingDown) {
      // Its sessions are ending: the app must start a fresh PTY host, not talk to this one.
      new FrameConnection(socket).close('PTY host is shutting down');
      return;
    }
    const client: Client = { conn: new FrameConnection(socket), greeted: false, attachments: new Map() };
    this.clients.add(client);
    client.conn.onClose(() => {
      for (const a of client.attachments.values()) a.attachment.detach();
      client.attachments.clear();
      this.clients.delete(client);
      this.idleChanged();
    });
    client.conn.onFrame((frame) => {
      if (frame.t !== 'req') return client.conn.close('only requests are accepted');
      void this.run(client, frame.name, frame.params).then(
        (result) => client.conn.send({ t: 'res', id: frame.id, ok: true, result }),
        (err: unknown) =>
          client.conn.send({
            t: 'res',
            id: frame.id,
            ok: false,
            error: (err as Error).message ?? String(err),
          }),
      );
    });
    this.idleChanged();
  }

  /** Ends every session (their list stays, marked not running), closes the hook channel and clients. */
  async shutdown(): Promise<void> {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    await this.watch.dispose();
    this.usage.dispose();
    await this.sessions.disposeAll();
    this.options.onStopping?.();
    // Clients hear the close only once every session has ended and the socket is released.
    for (const c of this.clients) c.conn.close('PTY host shut down');
    this.clients.clear();
    this.shutDown = true;
  }

  /** The session as the desk sees it: base info plus the open prompt and (Claude Code) token use. */
  info(id: string): SessionInfo | null {
    const base = this.sessions.info(id);
    if (!base) return null;
    const prompt = this.watch.openPrompt(id);
    return {
      ...base,
      prompt,
      state: prompt && base.state === 'running' ? 'needs-attention' : base.state,
      usage: this.usage.get(id),
    };
  }

  private list(): SessionInfo[] {
    return this.sessions.ids().flatMap((id) => this.info(id) ?? []);
  }

  private must(id: string): SessionInfo {
    const info = this.info(id);
    if (!info) throw new Error('That session no longer exists.');
    return info;
  }

  private async run(client: Client, name: string, params: unknown): Promise<unknown> {
    if (!client.greeted && name !== 'hello') throw new Error('the first request must be hello');
    const req = parseHostRequest(name, params);
    const handler = this.handlers[req.name] as Handler<HostRequestName>;
    return await handler(req.params as never, client);
  }

  private readonly handlers: { [K in HostRequestName]: Handler<K> } = {
    hello: async ({ protocol, hookRunner, idleSeconds, legacySessions }, client) => {
      if (protocol !== PTY_PROTOCOL_VERSION) {
        throw new Error(
          `this PTY host speaks protocol ${PTY_PROTOCOL_VERSION}, the app ${protocol}: close the sessions of the other version (or end its PTY host) and start again`,
        );
      }
      this.idleSeconds = idleSeconds;
      if (JSON.stringify(hookRunner) !== JSON.stringify(this.options.hookRunner)) {
        this.options.hookRunner = hookRunner;
        await this.watch.setHookRunner(hookRunner);
      }
      // Sessions an app of an older version kept in its own settings: added once, not running.
      this.sessions.add(
        legacySessions.flatMap((raw) => {
          const p = storedSessionSchema.safeParse(raw);
          return p.success ? [{ ...p.data, running: false }] : [];
        }),
      );
      client.greeted = true;
      return { protocol: PTY_PROTOCOL_VERSION, pid: process.pid, sessions: this.list() };
    },
    configure: ({ idleSeconds }) => {
      this.idleSeconds = idleSeconds;
      return null;
    },
    'session.create': async ({ spec, cols, rows }) => this.must(await this.sessions.create(spec, cols, rows)),
    'session.restart': async ({ id, cols, rows }) => {
      this.must(id);
      await this.sessions.restart(id, cols, rows);
      return this.must(id);
    },
    'session.resume': async ({ id, cols, rows }) => {
      this.must(id);
      await this.sessions.resume(id, cols, rows);
      return this.must(id);
    },
    'session.kill': async ({ id }) => {
      this.must(id);
      await this.sessions.kill(id);
      return null;
    },
    'session.remove': async ({ id }) => {
      await this.sessions.remove(id);
      return null;
    },
    'session.write': ({ id, data, source }) => {
      this.sessions.get(id)?.write(data);
      if (source === 'desk') this.watch.userTyped(id);
      else this.watch.phoneTyped(id);
      return null;
    },
    'session.resize': ({ id, cols, rows }) => {
      const session = this.sessions.get(id);
      if (!session) return null;
      session.resize(cols, rows);
      return { cols: session.screen.cols, rows: session.screen.rows };
    },
    'session.rename': ({ id, name }) => {
      this.must(id);
      this.sessions.rename(id, name);
      return this.must(id);
    },
    'sessions.reorder': ({ ids }) => this.sessions.reorder(ids),
    'session.attach': async ({ id, attachId }, client) => {
      this.must(id);
      const session = this.sessions.get(id)!;
      client.attachments.get(attachId)?.attachment.detach();
      const attachment = session.attach((data) => this.send(client, 'session.data', { attachId, data }));
      client.attachments.set(attachId, { sessionId: id, attachment });
      return await attachment.snapshot;
    },
    'session.ack': ({ attachId, chars }, client) => {
      client.attachments.get(attachId)?.attachment.ack(chars);
      return null;
    },
    'session.detach': ({ attachId }, client) => {
      client.attachments.get(attachId)?.attachment.detach();
      client.attachments.delete(attachId);
      return null;
    },
    'session.screenText': ({ id }) => this.sessions.get(id)?.screen.plainText() ?? null,
    'session.screenSnapshot': ({ id, maxRows, maxCols }) =>
      this.sessions.get(id)?.screen.snapshot({ maxRows, maxCols }) ?? null,
    'prompt.answer': ({ id, promptId, option, source }) => this.watch.answer(id, promptId, option, source),
    'prompt.sendKeys': ({ id, keys, promptId }) => this.watch.sendKeys(id, keys, promptId),
    'prompt.markRelayed': ({ id, promptId }) => {
      this.watch.markRelayed(id, promptId);
      return null;
    },
    shutdown: () => {
      // Answered first; the entry point exits once the sessions are down.
      setImmediate(() => void this.shutdown().finally(() => this.idleChanged()));
      return null;
    },
  };

  private publish(id: string): void {
    const info = this.info(id);
    if (info) this.broadcast('session.changed', info);
  }

  private promptEvent(
    name: 'prompt.opened' | 'prompt.updated',
    prompt: PromptInfo,
    session: SessionInfo,
  ): void {
    this.broadcast(name, { prompt, session: this.info(session.id) ?? session });
  }

  /** Forwards a turn fact (start, tool, end) without the bulky tool output. */
  private hookEvent(id: string, event: HookEvent): void {
    if (!TURN_HOOK_EVENTS.has(event.hook_event_name)) return;
    const { hook_event_name, session_id, tool_name, tool_input, tool_use_id, last_assistant_message } = event;
    this.broadcast('session.hook', {
      id,
      event: { hook_event_name, session_id, tool_name, tool_input, tool_use_id, last_assistant_message },
    });
  }

  private closedEvent(prompt: PromptInfo, reason: PromptCloseReason): void {
    this.broadcast('prompt.closed', { prompt, reason });
  }

  private send<E extends HostEventName>(client: Client, name: E, payload: HostEventPayload<E>): void {
    client.conn.send({ t: 'evt', name, payload });
  }

  private broadcast<E extends HostEventName>(name: E, payload: HostEventPayload<E>): void {
    for (const c of this.clients) if (c.greeted) this.send(c, name, payload);
  }

  private idleChanged(): void {
    this.idleChange.fire();
  }
}
