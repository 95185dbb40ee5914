/**
 * The list of sessions (tabs): creating, restarting, closing, and keeping the list in settings
 * so it is shown again after a restart of the app, each with a one-click restart.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import {
  agentKinds,
  type SessionInfo,
  type SessionSpec,
  type SessionState,
} from '../../../contract/bridge.js';
import { Emitter } from '../base/event.js';
import { checkLaunch, expandHome } from './launch-check.js';
import { LaunchError, planLaunch } from './presets.js';
import { Session } from './session.js';
import { sessionEnv } from './session-env.js';

/** A session as stored in settings (no runtime state). */
export const storedSessionSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().max(80),
  agent: z.enum(agentKinds),
  command: z.string().max(4000),
  cwd: z.string().min(1).max(4096),
  createdAt: z.number(),
});
export type StoredSession = z.infer<typeof storedSessionSchema>;

/** Where the session list is persisted. */
export interface SessionListStore {
  load(): StoredSession[];
  save(list: StoredSession[]): void;
}

/** Per-launch additions, e.g. Claude hook settings and the hook channel's env. */
export interface LaunchExtras {
  claudeArgs?: string[];
  env?: Record<string, string>;
}

export interface SessionManagerOptions {
  store: SessionListStore;
  /** The user's login shell. */
  userShell: string;
  /** Root of the app, to strip npm's PATH additions (see sessionEnv). */
  appRoot: string;
  /** Environment to inherit; defaults to process.env. */
  baseEnv?: NodeJS.ProcessEnv;
  /** Called before each (re)start of a session. */
  launchExtras?: (id: string, spec: StoredSession) => LaunchExtras;
}

interface Entry {
  spec: StoredSession;
  session: Session;
  error: string | null;
  title: string | null;
  /** Never started in this run of the app (restored from settings). */
  dormant: boolean;
}

/** Owns every session; emits `changed` and `removed` with the session id. */
export class SessionManager {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new Emitter<string>({ name: 'sessions.changed' });
  private readonly removed = new Emitter<string>({ name: 'sessions.removed' });
  private readonly output = new Emitter<string>({ name: 'sessions.output' });

  /** Fires with a session's id when its spec, process state or title changed. */
  readonly onChanged = this.changed.event;
  /** Fires with a session's id once it was closed and removed from the list. */
  readonly onRemoved = this.removed.event;
  /** Fires with a session's id after each batch of its output (to schedule prompt detection). */
  readonly onOutput = this.output.event;

  constructor(private readonly options: SessionManagerOptions) {}

  /** Loads the saved list; each session shows as not running, ready to restart. */
  restore(cols = 120, rows = 32): void {
    for (const spec of this.options.store.load()) {
      if (this.entries.has(spec.id)) continue;
      this.entries.set(spec.id, this.makeEntry(spec, cols, rows, true));
    }
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  get(id: string): Session | undefined {
    return this.entries.get(id)?.session;
  }

  spec(id: string): StoredSession | undefined {
    return this.entries.get(id)?.spec;
  }

  /** Base state, before prompts: the app overlays "needs-attention" from the open prompt. */
  baseState(id: string): SessionState {
    const e = this.entries.get(id);
    if (!e) return 'exited';
    return e.session.running ? 'running' : e.dormant || e.session.exit || e.error ? 'exited' : 'starting';
  }

  /** The session as the UI sees it; `prompt` is filled in by the caller. */
  info(id: string): SessionInfo | null {
    const e = this.entries.get(id);
    if (!e) return null;
    let commandLine = e.spec.command;
    try {
      commandLine = planLaunch(e.spec, {
        userShell: this.options.userShell,
        platform: process.platform,
      }).commandLine;
    } catch {
      // An invalid stored command shows as typed.
    }
    return {
      id,
      name: e.spec.name,
      agent: e.spec.agent,
      commandLine,
      cwd: e.spec.cwd,
      state: this.baseState(id),
      exit: e.session.exit,
      error: e.error,
      title: e.title,
      prompt: null,
      createdAt: e.spec.createdAt,
    };
  }

  /**
   * Creates and starts a session.
   * @throws LaunchError (user-readable) when the folder does not exist or the command is not found;
   *   nothing is created then.
   */
  async create(input: SessionSpec, cols: number, rows: number): Promise<string> {
    const cwd = expandHome(input.cwd.trim());
    const id = randomBytes(9).toString('base64url');
    const spec: StoredSession = {
      id,
      name: input.name.trim() || path.basename(cwd) || cwd,
      agent: input.agent,
      command: input.command,
      cwd,
      createdAt: Date.now(),
    };
    const launch = await this.prepare(spec, cols, rows);
    const entry = this.makeEntry(spec, cols, rows, false);
    this.entries.set(id, entry);
    try {
      entry.session.start(launch);
    } catch (err) {
      this.entries.delete(id);
      await entry.session.dispose();
      throw new LaunchError(`Could not start ${spec.name}: ${(err as Error).message}`);
    }
    this.persist();
    this.emitChanged(id);
    return id;
  }

  /**
   * Starts a new process in the same tab (after an exit, or for a restored session). A running
   * process is killed first. A launch problem is recorded on the session (shown in its tab).
   */
  async restart(id: string, cols?: number, rows?: number): Promise<void> {
    const e = this.entries.get(id);
    if (!e) throw new LaunchError('That session no longer exists.');
    await e.session.kill();
    const c = cols ?? e.session.screen.cols;
    const r = rows ?? e.session.screen.rows;
    try {
      const launch = await this.prepare(e.spec, c, r);
      if (!e.dormant) e.session.annotate('\r\n\x1b[2m── restarted ──\x1b[0m\r\n');
      e.error = null;
      e.dormant = false;
      e.session.start(launch);
    } catch (err) {
      e.error = (err as Error).message;
      e.dormant = false;
    }
    this.emitChanged(id);
  }

  /**
   * Renames a tab and saves the list.
   * @throws LaunchError when the session does not exist.
   */
  rename(id: string, name: string): void {
    const e = this.entries.get(id);
    if (!e) throw new LaunchError('That session no longer exists.');
    e.spec = { ...e.spec, name: name.trim().slice(0, 80) || e.spec.name };
    this.persist();
    this.emitChanged(id);
  }

  /**
   * Puts the tabs in the order of `ids` (unknown ids are ignored; sessions not listed follow in
   * their current order) and saves the list. Returns the resulting order.
   */
  reorder(ids: readonly string[]): string[] {
    const listed = [...new Set(ids)].filter((id) => this.entries.has(id));
    const rest = [...this.entries.keys()].filter((id) => !listed.includes(id));
    const order = [...listed, ...rest];
    const entries = order.map((id) => [id, this.entries.get(id)!] as const);
    this.entries.clear();
    for (const [id, entry] of entries) this.entries.set(id, entry);
    this.persist();
    return order;
  }

  /** Kills the process (SIGHUP, then SIGKILL); the tab stays, showing the exit. */
  async kill(id: string): Promise<void> {
    await this.entries.get(id)?.session.kill();
  }

  /** Kills the process and removes the tab and its saved entry. */
  async remove(id: string): Promise<void> {
    const e = this.entries.get(id);
    if (!e) return;
    this.entries.delete(id);
    this.persist();
    await e.session.dispose();
    this.removed.fire(id);
  }

  /** Kills every process (app quit); the list stays saved for next time. */
  async disposeAll(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((e) => e.session.dispose()));
  }

  private makeEntry(spec: StoredSession, cols: number, rows: number, dormant: boolean): Entry {
    const session = new Session(spec.id, spec.agent, cols, rows);
    const entry: Entry = { spec, session, error: null, title: null, dormant };
    session.on('exit', () => this.emitChanged(spec.id));
    session.on('title', (t) => {
      entry.title = t;
      this.emitChanged(spec.id);
    });
    session.on('output', () => this.output.fire(spec.id));
    return entry;
  }

  /**
   * Checks the launch first and only then asks for launch extras (hook registration), so a
   * failed check leaves nothing registered for a session that never exists.
   */
  private async prepare(spec: StoredSession, cols: number, rows: number) {
    const ctx = { userShell: this.options.userShell, platform: process.platform };
    const base = this.options.baseEnv ?? process.env;
    const file = await checkLaunch(
      planLaunch(spec, ctx),
      spec.cwd,
      sessionEnv(base, this.options.appRoot).PATH,
    );
    const extras = this.options.launchExtras?.(spec.id, spec) ?? {};
    const plan = planLaunch(spec, { ...ctx, claudeArgs: extras.claudeArgs });
    const env = sessionEnv(base, this.options.appRoot, extras.env ?? {});
    return { file, args: plan.args, cwd: spec.cwd, env, cols, rows };
  }

  private persist(): void {
    this.options.store.save([...this.entries.values()].map((e) => e.spec));
  }

  private emitChanged(id: string): void {
    this.changed.fire(id);
  }
}
