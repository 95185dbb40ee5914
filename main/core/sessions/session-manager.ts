/**
 * The list of sessions (tabs): creating, restarting, resuming, closing, and keeping the list in
 * a store (the PTY host's session file) so it is shown again after a restart, each session that
 * was running then marked "stopped by a restart" with a one-click resume.
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
import { LaunchError, planLaunch, resumeArgs } from './presets.js';
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
  /** The agent's own conversation id (Claude's `session_id`), for resume. */
  conversationId: z.string().min(1).max(200).nullable().default(null),
  /** A process was running when the list was last saved (so a restart stopped it). */
  running: z.boolean().default(false),
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
  codexArgs?: string[];
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
  /** Never started in this run of the PTY host (restored from the saved list). */
  dormant: boolean;
  /** Restored, and it was running when its previous PTY host ended. */
  stoppedByRestart: boolean;
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

  /**
   * Loads the saved list; each session shows as not running, ready to restart; those that were
   * running are marked "stopped by a restart".
   */
  restore(cols = 120, rows = 32): void {
    this.add(this.options.store.load(), cols, rows);
  }

  /** Adds saved sessions (restore, or a migrated list) that are not in the list yet. */
  add(specs: StoredSession[], cols = 120, rows = 32): void {
    let added = false;
    for (const spec of specs) {
      if (this.entries.has(spec.id)) continue;
      const entry = this.makeEntry(spec, cols, rows, true);
      entry.stoppedByRestart = spec.running;
      this.entries.set(spec.id, entry);
      added = true;
    }
    if (added) this.persist();
  }

  /** Records the agent's conversation id (learnt from its hooks), for resume. */
  setConversationId(id: string, conversationId: string): void {
    const e = this.entries.get(id);
    if (!e || e.spec.conversationId === conversationId) return;
    e.spec.conversationId = conversationId;
    this.persist();
    this.emitChanged(id);
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
    const ctx = { userShell: this.options.userShell, platform: process.platform };
    let commandLine = e.spec.command;
    let resumeCommand: string | null = null;
    try {
      commandLine = planLaunch(e.spec, ctx).commandLine;
      if (!e.session.running && resumeArgs(e.spec.agent, e.spec.conversationId) !== null) {
        resumeCommand = planLaunch(e.spec, {
          ...ctx,
          resume: { conversationId: e.spec.conversationId },
        }).commandLine;
      }
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
      stoppedByRestart: e.stoppedByRestart,
      resumeCommand,
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
      conversationId: null,
      running: true,
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
  async restart(id: string, cols?: number, rows?: number, resume = false): Promise<void> {
    const e = this.entries.get(id);
    if (!e) throw new LaunchError('That session no longer exists.');
    await e.session.kill();
    const c = cols ?? e.session.screen.cols;
    const r = rows ?? e.session.screen.rows;
    try {
      const launch = await this.prepare(e.spec, c, r, resume);
      const what = resume && resumeArgs(e.spec.agent, null) ? 'resumed' : 'restarted';
      if (!e.dormant) e.session.annotate(`\r\n\x1b[2m── ${what} ──\x1b[0m\r\n`);
      e.error = null;
      e.dormant = false;
      e.stoppedByRestart = false;
      e.session.start(launch);
      e.spec.running = true;
    } catch (err) {
      e.error = (err as Error).message;
      e.dormant = false;
      e.stoppedByRestart = false;
      e.spec.running = false;
    }
    this.persist();
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

  /**
   * Starts the session again continuing its agent's conversation (`claude --resume <id>`,
   * `codex resume <id>`, `gemini --resume <id>`); shells and custom commands start again in the
   * same folder. A running process is killed first.
   */
  resume(id: string, cols?: number, rows?: number): Promise<void> {
    return this.restart(id, cols, rows, true);
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

  /** Kills every process (PTY host shutdown); the list stays saved for next time. */
  async disposeAll(): Promise<void> {
    const all = [...this.entries.values()];
    for (const e of all) e.spec.running = false;
    this.persist();
    this.entries.clear();
    await Promise.all(all.map((e) => e.session.dispose()));
  }

  private makeEntry(spec: StoredSession, cols: number, rows: number, dormant: boolean): Entry {
    const session = new Session(spec.id, spec.agent, cols, rows);
    const entry: Entry = { spec, session, error: null, title: null, dormant, stoppedByRestart: false };
    session.on('exit', () => {
      if (spec.running && this.entries.get(spec.id) === entry) {
        spec.running = false;
        this.persist();
      }
      this.emitChanged(spec.id);
    });
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
  private async prepare(spec: StoredSession, cols: number, rows: number, resume = false) {
    const ctx = {
      userShell: this.options.userShell,
      platform: process.platform,
      resume: resume ? { conversationId: spec.conversationId } : undefined,
    };
    const base = this.options.baseEnv ?? process.env;
    const file = await checkLaunch(
      planLaunch(spec, ctx),
      spec.cwd,
      sessionEnv(base, this.options.appRoot).PATH,
    );
    const extras = this.options.launchExtras?.(spec.id, spec) ?? {};
    const plan = planLaunch(spec, { ...ctx, claudeArgs: extras.claudeArgs, codexArgs: extras.codexArgs });
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
