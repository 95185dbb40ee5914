/**
 * The app's view of the sessions in its PTY host: a cache of every session's info kept current
 * by the host's events, and requests for everything else. It presents to the core what the
 * in-process SessionManager did, so app.ts and the phone barely know the sessions live in
 * another process.
 *
 * When the connection drops (the PTY host crashed or was killed), it connects again, starting a
 * new PTY host if needed (which restores the list with the running ones "stopped by a restart"),
 * and re-attaches every live view: the view gets a terminal reset followed by the new snapshot.
 */
import type { PromptInfo, SessionInfo, SessionSnapshot, SessionSpec } from '../../../contract/bridge.js';
import type { PromptCloseReason, WriteRefusal } from '../prompts/types.js';
import { Emitter } from '../base/event.js';
import type { HookEvent } from '../claude/hook-event.js';
import { PtyHostClient, PtyHostGoneError, type HostEvent, type PtyHostClientOptions } from './client.js';
import { PTY_PROTOCOL_VERSION } from './protocol.js';
import type { ScreenSnapshot } from '../screen-image/snapshot.js';

/** A live view of one session through the PTY host. */
export interface RemoteAttachment {
  /** The screen and scrollback at the moment of attaching. */
  readonly snapshot: Promise<SessionSnapshot>;
  /** Acknowledges `chars` the view wrote (flow control, passed on to the PTY host). */
  ack(chars: number): void;
  /** Stops output to this view. */
  detach(): void;
}

/** Prompt changes from the PTY host. */
export interface RemotePromptEvents {
  opened(prompt: PromptInfo, session: SessionInfo): void;
  updated(prompt: PromptInfo, session: SessionInfo): void;
  closed(prompt: PromptInfo, reason: PromptCloseReason): void;
  /** The session list was (re)loaded from the PTY host (first connect and every reconnect). */
  synced(sessions: SessionInfo[]): void;
}

/** Options of {@link RemoteSessions.connect}. */
export interface RemoteSessionsOptions extends PtyHostClientOptions {
  idleSeconds: number;
  /** Sessions an older app kept in its settings, handed to the PTY host once. */
  legacySessions: unknown[];
  prompts: RemotePromptEvents;
  /** Adds what only the app knows (e.g. whether a prompt is quiet) to every session it hands out. */
  decorate?: (info: SessionInfo) => SessionInfo;
}

/** Longest wait between reconnect attempts, in ms. */
const MAX_RECONNECT_DELAY_MS = 5_000;
/** Tries at connecting when the PTY host closes before answering hello (it was exiting). */
const CONNECT_ATTEMPTS = 4;

/** The PTY host's sessions as the app sees them. */
export class RemoteSessions {
  private client!: PtyHostClient;
  private readonly cache = new Map<string, SessionInfo>();
  private readonly views = new Map<number, { sessionId: string; onData: (data: string) => void }>();
  private readonly changed = new Emitter<string>({ name: 'sessions.changed' });
  private readonly removed = new Emitter<string>({ name: 'sessions.removed' });
  /** Fires with a session id when it was added or changed. */
  readonly onChanged = this.changed.event;
  /** Fires with a session id when it was removed. */
  readonly onRemoved = this.removed.event;
  private readonly hooks = new Emitter<{ id: string; event: HookEvent }>({ name: 'sessions.hook' });
  /** Fires with a Claude Code turn fact (UserPromptSubmit, PreToolUse, PostToolUse, Stop) of a session. */
  readonly onHook = this.hooks.event;
  private nextAttachId = 1;
  private disposed = false;
  private idleSeconds: number;
  /** The PTY host's pid (for tests and diagnostics). */
  hostPid = 0;

  private constructor(private readonly options: RemoteSessionsOptions) {
    this.idleSeconds = options.idleSeconds;
  }

  /**
   * Connects to (or starts) the PTY host and loads its sessions.
   * @throws Error when the PTY host cannot be started or speaks another protocol version.
   */
  static async connect(options: RemoteSessionsOptions): Promise<RemoteSessions> {
    const remote = new RemoteSessions(options);
    for (let attempt = 1; ; attempt++) {
      try {
        await remote.open(options.legacySessions);
        return remote;
      } catch (err) {
        // A PTY host that was exiting (idle, or shut down by the app's last run) as we connected:
        // its successor starts on the next try.
        if (!(err instanceof PtyHostGoneError) || attempt >= CONNECT_ATTEMPTS) throw err;
        options.log(`the PTY host closed before it answered (${err.message}); trying again`);
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  }

  ids(): string[] {
    return [...this.cache.keys()];
  }

  /** The session's info as last reported (with its open prompt), or null. */
  info(id: string): SessionInfo | null {
    const i = this.cache.get(id);
    return i ? this.out(i) : null;
  }

  list(): SessionInfo[] {
    return [...this.cache.values()].map((i) => this.out(i));
  }

  /** True while the session's process runs. */
  running(id: string): boolean {
    const s = this.cache.get(id)?.state;
    return s === 'running' || s === 'needs-attention' || s === 'starting';
  }

  /** Creates and starts a session. @throws Error (user-readable) when it cannot start. */
  async create(spec: SessionSpec, cols: number, rows: number): Promise<SessionInfo> {
    return this.store(await this.client.request('session.create', { spec, cols, rows }));
  }

  async restart(id: string, cols?: number, rows?: number): Promise<SessionInfo> {
    return this.store(await this.client.request('session.restart', { id, cols, rows }));
  }

  async resume(id: string, cols?: number, rows?: number): Promise<SessionInfo> {
    return this.store(await this.client.request('session.resume', { id, cols, rows }));
  }

  async kill(id: string): Promise<void> {
    await this.client.request('session.kill', { id });
  }

  async remove(id: string): Promise<void> {
    await this.client.request('session.remove', { id });
  }

  /** Types into a session; `source` tells the prompt tracker who typed. */
  async write(id: string, data: string, source: 'desk' | 'phone'): Promise<void> {
    await this.client.request('session.write', { id, data, source });
  }

  /** Resizes the PTY; resolves to its size afterwards, or null when the session is gone. */
  resize(id: string, cols: number, rows: number): Promise<{ cols: number; rows: number } | null> {
    return this.client.request('session.resize', { id, cols, rows });
  }

  /** Renames a tab. @throws Error (user-readable) when the session does not exist. */
  async rename(id: string, name: string): Promise<SessionInfo> {
    return this.store(await this.client.request('session.rename', { id, name }));
  }

  /** Puts the tabs in the order of `ids`; resolves to the resulting order of every session. */
  async reorder(ids: string[]): Promise<string[]> {
    const order = await this.client.request('sessions.reorder', { ids });
    const entries = order.flatMap((id) => {
      const info = this.cache.get(id);
      return info ? [[id, info] as const] : [];
    });
    const rest = [...this.cache].filter(([id]) => !order.includes(id));
    this.cache.clear();
    for (const [id, info] of [...entries, ...rest]) this.cache.set(id, info);
    return [...this.cache.keys()];
  }

  /** The session's visible screen as plain text, or null. */
  screenText(id: string): Promise<string | null> {
    return this.client.request('session.screenText', { id });
  }

  /**
   * The session's visible screen with colours and attributes, at most `limits` cells (rows ×
   * columns, each 1 to the protocol's MAX_SNAPSHOT_*), or null when the session is gone.
   * @throws Error when the PTY host refuses or the connection is lost.
   */
  screenSnapshot(id: string, limits: { maxRows: number; maxCols: number }): Promise<ScreenSnapshot | null> {
    return this.client.request('session.screenSnapshot', { id, ...limits });
  }

  answer(
    id: string,
    promptId: string,
    option: number,
    source: 'desk' | 'phone',
  ): Promise<WriteRefusal | null> {
    return this.client.request('prompt.answer', { id, promptId, option, source });
  }

  sendKeys(id: string, keys: string, promptId: string | null): Promise<WriteRefusal | null> {
    return this.client.request('prompt.sendKeys', { id, keys, promptId });
  }

  async markRelayed(id: string, promptId: string): Promise<void> {
    await this.client.request('prompt.markRelayed', { id, promptId });
  }

  /** Passes a settings change on. */
  async configure(idleSeconds: number): Promise<void> {
    this.idleSeconds = idleSeconds;
    await this.client.request('configure', { idleSeconds });
  }

  /**
   * Attaches a view: output from now on goes to `onData`, the snapshot holds everything before.
   * The view must ack what it writes.
   */
  attach(sessionId: string, onData: (data: string) => void): RemoteAttachment {
    const attachId = this.nextAttachId++;
    this.views.set(attachId, { sessionId, onData });
    const snapshot = this.client.request('session.attach', { id: sessionId, attachId });
    snapshot.catch(() => this.views.delete(attachId));
    return {
      snapshot,
      ack: (chars) => {
        if (this.views.has(attachId))
          void this.client.request('session.ack', { attachId, chars }).catch(() => {});
      },
      detach: () => {
        if (!this.views.delete(attachId)) return;
        void this.client.request('session.detach', { attachId }).catch(() => {});
      },
    };
  }

  /**
   * Leaves the PTY host: with `stopAgents` it ends every session first (their list stays);
   * otherwise they keep running and the next app start finds them.
   */
  async dispose(stopAgents: boolean): Promise<void> {
    this.disposed = true;
    if (stopAgents && !this.client.closed) {
      await this.client.request('shutdown', {}).catch(() => {});
      await new Promise<void>((resolve) => {
        if (this.client.closed) return resolve();
        const timer = setTimeout(resolve, 10_000);
        this.client.onClose(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    this.client.close();
    this.views.clear();
    this.changed.dispose();
    this.removed.dispose();
    this.hooks.dispose();
  }

  private async open(legacySessions: unknown[]): Promise<void> {
    const client = await PtyHostClient.connect(this.options);
    client.onEvent((e) => this.event(e));
    const hello = await client
      .request('hello', {
        protocol: PTY_PROTOCOL_VERSION,
        hookRunner: this.options.hookRunner,
        idleSeconds: this.idleSeconds,
        legacySessions,
      })
      .catch((err: unknown) => {
        client.close();
        throw err;
      });
    this.client = client;
    this.hostPid = hello.pid;
    client.onClose(() => this.lost());
    const fresh = new Set(hello.sessions.map((s) => s.id));
    for (const id of [...this.cache.keys()]) {
      if (fresh.has(id)) continue;
      this.cache.delete(id);
      this.removed.fire(id);
    }
    for (const s of hello.sessions) this.store(s);
    this.options.prompts.synced(this.list());
  }

  /** The connection dropped: connect again (starting a new PTY host) and re-attach the views. */
  private lost(): void {
    if (this.disposed) return;
    this.options.log('lost the PTY host; reconnecting');
    void (async () => {
      for (let delay = 100; !this.disposed; delay = Math.min(delay * 2, MAX_RECONNECT_DELAY_MS)) {
        await new Promise((r) => setTimeout(r, delay));
        try {
          await this.open([]);
          break;
        } catch (err) {
          this.options.log(`PTY host reconnect failed: ${(err as Error).message}`);
        }
      }
      for (const [attachId, view] of this.views) {
        this.client.request('session.attach', { id: view.sessionId, attachId }).then(
          (snap) => view.onData(`\x1bc${snap.data}`),
          () => this.views.delete(attachId),
        );
      }
    })();
  }

  private store(info: SessionInfo): SessionInfo {
    this.cache.set(info.id, info);
    this.changed.fire(info.id);
    return this.out(info);
  }

  /** A copy of a cached session as the app sees it (decorated). */
  private out(info: SessionInfo): SessionInfo {
    const copy = structuredClone(info);
    return this.options.decorate ? this.options.decorate(copy) : copy;
  }

  private event(e: HostEvent): void {
    switch (e.name) {
      case 'session.changed':
        this.store(e.payload);
        return;
      case 'session.removed': {
        const { id } = e.payload;
        if (!this.cache.delete(id)) return;
        for (const [attachId, v] of this.views) if (v.sessionId === id) this.views.delete(attachId);
        this.removed.fire(id);
        return;
      }
      case 'session.data':
        this.views.get(e.payload.attachId)?.onData(e.payload.data);
        return;
      case 'prompt.opened': {
        const session = this.store(e.payload.session);
        this.options.prompts.opened(session.prompt ?? e.payload.prompt, session);
        return;
      }
      case 'prompt.updated': {
        const session = this.store(e.payload.session);
        this.options.prompts.updated(session.prompt ?? e.payload.prompt, session);
        return;
      }
      case 'prompt.closed':
        this.options.prompts.closed(e.payload.prompt, e.payload.reason);
        return;
      case 'session.hook':
        this.hooks.fire(e.payload);
        return;
    }
  }
}
