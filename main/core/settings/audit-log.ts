/**
 * The audit log: every write into a PTY that came from the phone, one JSON object per line
 * (JSON Lines) in `audit.jsonl` in the data dir. Appended synchronously so an entry is on disk
 * before the keys reach the program.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** One audited write. `time` is ISO 8601; `sent` is the exact text written (keys as characters). */
export interface AuditEntry {
  time: string;
  session: string;
  sessionName: string;
  promptId: string | null;
  /** What it was: an option of a prompt, a keypad key, or typed text. */
  via: 'option' | 'keys' | 'text';
  sent: string;
  chatId: number | null;
  /**
   * Set on a second line for the same write when the PTY host refused it after it was audited
   * (the prompt closed in between): nothing reached the PTY.
   */
  refused?: 'no-session' | 'exited' | 'stale-prompt' | 'audit-failed';
}

/** File name of the audit log inside the data dir. */
export const AUDIT_FILE = 'audit.jsonl';

/** Appends entries to `<dataDir>/audit.jsonl` (mode 0600). */
export class AuditLog {
  readonly file: string;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, AUDIT_FILE);
  }

  /** Appends one entry; `time` defaults to now. */
  append(entry: Omit<AuditEntry, 'time'> & { time?: string }): void {
    const { time, ...rest } = entry;
    appendFileSync(this.file, JSON.stringify({ time: time ?? new Date().toISOString(), ...rest }) + '\n', {
      mode: 0o600,
    });
  }
}
