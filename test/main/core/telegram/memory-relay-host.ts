/**
 * An in-memory {@link RelayHost} for tests of the Telegram side: sessions, screens and open
 * prompts are plain data the test sets; every write (answer, keys, text) is recorded in `writes`.
 * It follows the host contract: answering a prompt that is not the open one writes nothing and
 * returns 'stale-prompt'; answering closes the prompt, as the real tracker would once the program
 * reacted.
 */
import type { AgentKind, ComputerNameMode, PromptInfo, SessionInfo } from '../../../../contract/bridge.js';
import type { WriteRefusal } from '../../../../main/core/prompts/types.js';
import type { RelayHost } from '../../../../main/core/telegram/host.js';
import { sessionInfo } from '../../../support/session-info.js';

/** One recorded write into a session. */
export interface RecordedWrite {
  sessionId: string;
  kind: 'answer' | 'keys' | 'text';
  data: string;
  promptId: string | null;
}

/** A running Claude Code session record named `name`. */
export function makeSession(id: string, name: string, cwd = `/home/dev/${name}`): SessionInfo {
  return sessionInfo(id, { name, agent: 'claude', commandLine: 'claude', cwd, createdAt: Date.now() });
}

/** Builds a prompt record with defaults. */
export function makePrompt(id: string, sessionId: string, patch: Partial<PromptInfo> = {}): PromptInfo {
  return {
    id,
    sessionId,
    kind: 'permission',
    title: 'Bash command',
    body: 'git status',
    options: [
      { label: 'Yes', keys: '1' },
      { label: "Yes, and don't ask again for git status", keys: '2' },
      { label: 'No, and tell Claude what to do differently', keys: '3' },
    ],
    openedAt: Date.now(),
    relayed: false,
    quiet: false,
    ...patch,
  };
}

/** The in-memory host. */
export class MemoryRelayHost implements RelayHost {
  /** Changed by tests to see a new name on the next message. */
  computerName = 'test-desk';
  /** When messages carry the name (Settings); tests change it. */
  nameMode: ComputerNameMode = 'auto';
  computerNameMode(): ComputerNameMode {
    return this.nameMode;
  }
  readonly sessions: SessionInfo[] = [];
  readonly screens = new Map<string, string>();
  readonly writes: RecordedWrite[] = [];
  readonly relayed: string[] = [];

  add(session: SessionInfo, screen = ''): SessionInfo {
    this.sessions.push(session);
    this.screens.set(session.id, screen);
    return session;
  }

  /** Opens a prompt in its session (the session needs attention). */
  open(prompt: PromptInfo): PromptInfo {
    const session = this.sessions.find((s) => s.id === prompt.sessionId)!;
    session.prompt = prompt;
    session.state = 'needs-attention';
    return prompt;
  }

  /** Closes the session's prompt. */
  close(sessionId: string): void {
    const session = this.sessions.find((s) => s.id === sessionId)!;
    session.prompt = null;
    session.state = 'running';
  }

  listSessions(): SessionInfo[] {
    return this.sessions.map((s) => structuredClone(s));
  }

  screenText(sessionId: string): string | null {
    return this.screens.get(sessionId) ?? null;
  }

  openPrompt(sessionId: string): PromptInfo | null {
    return this.sessions.find((s) => s.id === sessionId)?.prompt ?? null;
  }

  private check(sessionId: string): WriteRefusal | null {
    const session = this.sessions.find((s) => s.id === sessionId);
    if (!session) return 'no-session';
    if (session.state === 'exited') return 'exited';
    return null;
  }

  answerPrompt(sessionId: string, promptId: string, optionIndex: number): WriteRefusal | null {
    const refusal = this.check(sessionId);
    if (refusal) return refusal;
    const prompt = this.openPrompt(sessionId);
    const option = prompt?.options[optionIndex];
    if (!prompt || prompt.id !== promptId || !option) return 'stale-prompt';
    this.writes.push({ sessionId, kind: 'answer', data: option.keys, promptId });
    this.close(sessionId);
    return null;
  }

  sendKeys(sessionId: string, keys: string, promptId: string | null): WriteRefusal | null {
    const refusal = this.check(sessionId);
    if (refusal) return refusal;
    if (promptId !== null && this.openPrompt(sessionId)?.id !== promptId) return 'stale-prompt';
    this.writes.push({ sessionId, kind: 'keys', data: keys, promptId });
    return null;
  }

  async submitText(sessionId: string, text: string): Promise<WriteRefusal | null> {
    const refusal = this.check(sessionId);
    if (refusal) return refusal;
    this.writes.push({ sessionId, kind: 'text', data: text, promptId: null });
    return null;
  }

  promptRelayed(_sessionId: string, promptId: string): void {
    this.relayed.push(promptId);
  }

  /** Sessions the test marks busy (a turn in progress). */
  readonly busy = new Set<string>();
  progress = true;
  agents: AgentKind[] = ['claude', 'shell'];
  folders: string[] = [];
  readonly closed: string[] = [];

  /** What `notifyNow` answers (the away gate). */
  notify = true;

  notifyNow(): boolean {
    return this.notify;
  }

  isBusy(sessionId: string): boolean {
    return this.busy.has(sessionId);
  }

  progressEnabled(): boolean {
    return this.progress;
  }

  setProgressEnabled(on: boolean): void {
    this.progress = on;
  }

  async installedAgents(): Promise<AgentKind[]> {
    return [...this.agents];
  }

  newSessionFolders(): string[] {
    return [...this.folders];
  }

  async createSession(
    agent: AgentKind,
    cwd: string,
  ): Promise<{ session: SessionInfo } | { refused: string }> {
    if (!this.folders.includes(cwd)) return { refused: `The folder ${cwd} does not exist.` };
    const session = this.add({
      ...makeSession(`s${this.sessions.length + 1}`, cwd.split('/').pop()!, cwd),
      agent,
    });
    return { session: structuredClone(session) };
  }

  async closeSession(sessionId: string): Promise<void> {
    const i = this.sessions.findIndex((s) => s.id === sessionId);
    if (i >= 0) this.sessions.splice(i, 1);
    this.closed.push(sessionId);
  }
}
