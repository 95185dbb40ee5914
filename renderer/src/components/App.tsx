/**
 * The window: connection banner, top bar (tabs, Phone, Settings), the terminals or the empty
 * state, and the dialogs and side sheets. Owns the close-tab flow (asks before killing a live
 * session) and routes keyboard shortcuts.
 */
import { useCallback, useRef, useState } from 'react';
import type { SessionInfo } from '../../../contract/bridge.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { useShortcuts } from '../hooks/use-shortcuts.js';
import type { ShortcutAction } from '../lib/shortcuts.js';
import { useAppState, useBridge, useDispatch } from '../store/context.js';
import type { AppState } from '../store/state.js';
import { gridFor, measureCell } from '../terminal/grid.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { NewSessionDialog } from './NewSessionDialog.js';
import { NoticeBanner } from './NoticeBanner.js';
import { PhonePanel } from './PhonePanel.js';
import { SettingsPanel } from './SettingsPanel.js';
import { TopBar } from './TopBar.js';
import { Workspace } from './Workspace.js';

/** Horizontal space the terminal frame loses to padding and xterm's scrollbar, in CSS px. */
const TERMINAL_CHROME_X = 12 + 8 + 14;
/** Vertical space the terminal frame loses to padding, in CSS px. */
const TERMINAL_CHROME_Y = 8 + 8;

const selectState = (s: AppState): AppState => s;

/** The root component. */
export function App(props: { isMac: boolean }) {
  const { isMac } = props;
  const bridge = useBridge();
  const dispatch = useDispatch();
  const state = useAppState(selectState);
  const workspaceRef = useRef<HTMLElement>(null);
  const [closing, setClosing] = useState<SessionInfo | null>(null);
  const [find, setFind] = useState<{ id: string | null; n: number }>({ id: null, n: 0 });
  const [focus, setFocus] = useState<{ id: string | null; n: number }>({ id: null, n: 0 });
  useDocumentTitle();

  const activate = useCallback((id: string) => dispatch({ type: 'tab/activate', id }), [dispatch]);
  const openNew = useCallback(() => dispatch({ type: 'newSession/open' }), [dispatch]);

  const closeNow = useCallback(
    (session: SessionInfo) => {
      const remove = async (): Promise<void> => {
        if (session.state !== 'exited')
          await bridge.request('session.kill', { id: session.id }).catch(() => undefined);
        await bridge.request('session.remove', { id: session.id });
        dispatch({ type: 'session/removed', id: session.id });
      };
      remove().catch(() => undefined);
    },
    [bridge, dispatch],
  );

  const requestClose = useCallback(
    (session: SessionInfo) => {
      if (session.state === 'exited') closeNow(session);
      else setClosing(session);
    },
    [closeNow],
  );

  const onShortcut = (action: ShortcutAction): void => {
    const active = state.sessions.find((s) => s.id === state.activeId) ?? null;
    switch (action.type) {
      case 'new':
        openNew();
        break;
      case 'next':
        dispatch({ type: 'tab/cycle', delta: 1 });
        break;
      case 'previous':
        dispatch({ type: 'tab/cycle', delta: -1 });
        break;
      case 'goto':
        dispatch({ type: 'tab/goto', index: action.index });
        break;
      case 'close':
        if (active) requestClose(active);
        break;
      case 'find':
        if (active) setFind((f) => ({ id: active.id, n: f.n + 1 }));
        break;
    }
  };
  useShortcuts(isMac, onShortcut);

  const estimateGrid = useCallback(() => {
    const el = workspaceRef.current;
    if (!el) return gridFor(0, 0, { width: 0, height: 0 });
    const rect = el.getBoundingClientRect();
    return gridFor(rect.width - TERMINAL_CHROME_X, rect.height - TERMINAL_CHROME_Y, measureCell(document));
  }, []);

  return (
    <div className={`app${state.panel ? ' has-sheet' : ''}`}>
      <ConnectionBanner status={state.connection} />
      <NoticeBanner notices={state.host?.notices} />
      <TopBar
        sessions={state.sessions}
        activeId={state.activeId}
        phone={state.phone}
        panel={state.panel}
        isMac={isMac}
        onSelect={activate}
        onClose={requestClose}
        onNew={openNew}
        onTogglePanel={(panel) => dispatch({ type: 'panel/toggle', panel })}
      />
      <div className="body">
        <Workspace
          ref={workspaceRef}
          sessions={state.sessions}
          activeId={state.activeId}
          loaded={state.loaded}
          isMac={isMac}
          find={find}
          focus={focus}
          onNew={openNew}
          onClose={requestClose}
        />
        {state.panel === 'phone' && (
          <PhonePanel phone={state.phone} onClose={() => dispatch({ type: 'panel/close' })} />
        )}
        {state.panel === 'settings' && (
          <SettingsPanel
            settings={state.settings}
            host={state.host}
            onClose={() => dispatch({ type: 'panel/close' })}
          />
        )}
      </div>
      {state.newSessionOpen && (
        <NewSessionDialog
          host={state.host}
          lastCwd={state.settings?.defaultCwd ?? null}
          estimateGrid={estimateGrid}
          onCancel={() => dispatch({ type: 'newSession/close' })}
          onCreated={(session) => {
            dispatch({ type: 'session/upserted', session });
            dispatch({ type: 'tab/activate', id: session.id });
            dispatch({ type: 'newSession/close' });
            setFocus((f) => ({ id: session.id, n: f.n + 1 }));
          }}
        />
      )}
      {closing && (
        <ConfirmDialog
          title={`Close ${closing.name}?`}
          message={`“${closing.commandLine}” is still running. Closing the tab ends it.`}
          confirmLabel="Close session"
          danger
          onCancel={() => setClosing(null)}
          onConfirm={() => {
            closeNow(closing);
            setClosing(null);
          }}
        />
      )}
    </div>
  );
}
