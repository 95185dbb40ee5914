/**
 * What the window shows with no sessions: what Agent Pager does, in two sentences, and one
 * big action to start, with the shortcut that works where the app runs (a browser tab keeps
 * Ctrl-Shift-T for itself).
 */
import { newSessionChord } from '../lib/shortcuts.js';
import { TerminalIcon } from './icons.js';

/** The first-run / no-tabs screen. */
export function EmptyState(props: {
  onNew: () => void;
  isMac: boolean;
  shell: 'electron' | 'headless' | null;
}) {
  return (
    <section className="empty-state" aria-labelledby="empty-title">
      <div className="empty-icon">
        <TerminalIcon size={40} />
      </div>
      <h1 id="empty-title">Run your coding agents here.</h1>
      <p>
        Agent Pager runs Claude Code, Codex, Gemini CLI or any shell in real terminals. When one of them needs
        you — a permission prompt, a question, a finished turn — your phone gets a Telegram message you can
        answer from anywhere.
      </p>
      <button type="button" className="btn btn-primary btn-large" onClick={props.onNew}>
        Start your first session
      </button>
      <p className="empty-hint">
        or press <kbd>{newSessionChord(props.shell, props.isMac)}</kbd>
      </p>
    </section>
  );
}
