/**
 * The area under the top bar: every session's panel (only the active one visible), or the
 * empty state when there are none.
 */
import { forwardRef } from 'react';
import type { HostInfo, PublicSettings, SessionInfo } from '../../../contract/bridge.js';
import { EmptyState } from './EmptyState.js';
import { TerminalPanel } from './TerminalPanel.js';

/** Props of {@link Workspace}. */
export interface WorkspaceProps {
  sessions: SessionInfo[];
  activeId: string | null;
  loaded: boolean;
  isMac: boolean;
  host: HostInfo | null;
  settings: PublicSettings;
  scheme: 'dark' | 'light';
  /** Find requests: the session they are for and a counter that changes on each request. */
  find: { id: string | null; n: number };
  /** Focus requests, same shape as `find`. */
  focus: { id: string | null; n: number };
  onNew: () => void;
  onClose: (session: SessionInfo) => void;
}

/** Terminals or the empty state. */
export const Workspace = forwardRef<HTMLElement, WorkspaceProps>(function Workspace(props, ref) {
  const showEmpty = props.loaded && props.sessions.length === 0;
  const stoppedCount = props.sessions.filter((s) => s.state === 'exited' && s.stoppedByRestart).length;
  return (
    <main ref={ref} className="workspace">
      {showEmpty && <EmptyState onNew={props.onNew} isMac={props.isMac} shell={props.host?.shell ?? null} />}
      {props.sessions.map((session) => (
        <TerminalPanel
          key={session.id}
          session={session}
          active={session.id === props.activeId}
          isMac={props.isMac}
          settings={props.settings}
          scheme={props.scheme}
          findSignal={props.find.id === session.id ? props.find.n : 0}
          focusSignal={props.focus.id === session.id ? props.focus.n : 0}
          onClose={() => props.onClose(session)}
          stoppedCount={stoppedCount}
        />
      ))}
    </main>
  );
});
