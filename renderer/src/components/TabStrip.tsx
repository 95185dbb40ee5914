/**
 * The tab strip: a `tablist` of sessions (arrow keys, Home/End move between tabs; Delete
 * closes one) followed by the "New session" button.
 */
import type { KeyboardEvent } from 'react';
import type { SessionInfo } from '../../../contract/bridge.js';
import { chordLabel } from '../lib/shortcuts.js';
import { PlusIcon } from './icons.js';
import { SessionTab, tabIds } from './SessionTab.js';

/** Props of {@link TabStrip}. */
export interface TabStripProps {
  sessions: SessionInfo[];
  activeId: string | null;
  isMac: boolean;
  onSelect: (id: string) => void;
  onClose: (session: SessionInfo) => void;
  onNew: () => void;
}

/** Tabs plus the new-session button. */
export function TabStrip(props: TabStripProps) {
  const { sessions } = props;

  const focusTab = (index: number): void => {
    const target = sessions[(index + sessions.length) % sessions.length];
    if (!target) return;
    props.onSelect(target.id);
    document.getElementById(tabIds(target.id).tab)?.focus();
  };

  const onKeyDown = (index: number) => (e: KeyboardEvent<HTMLButtonElement>) => {
    const session = sessions[index];
    if (!session) return;
    let handled = true;
    if (e.key === 'ArrowRight') focusTab(index + 1);
    else if (e.key === 'ArrowLeft') focusTab(index - 1);
    else if (e.key === 'Home') focusTab(0);
    else if (e.key === 'End') focusTab(sessions.length - 1);
    else if (e.key === 'Delete') props.onClose(session);
    else handled = false;
    if (handled) e.preventDefault();
  };

  return (
    <div className="tabstrip">
      <div role="tablist" aria-label="Sessions" className="tablist">
        {sessions.map((session, index) => (
          <SessionTab
            key={session.id}
            session={session}
            selected={session.id === props.activeId}
            onSelect={() => props.onSelect(session.id)}
            onClose={() => props.onClose(session)}
            onKeyDown={onKeyDown(index)}
          />
        ))}
      </div>
      <button
        type="button"
        className="icon-btn new-tab-btn"
        aria-label="New session"
        title={`New session (${chordLabel('T', true, props.isMac)})`}
        onClick={props.onNew}
      >
        <PlusIcon />
      </button>
    </div>
  );
}
