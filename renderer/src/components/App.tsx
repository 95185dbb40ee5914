/**
 * The window: connection banner, top bar (tabs, Phone, Settings), the terminals or the empty
 * state, and the dialogs and side sheets. Owns the close-tab flow (asks before killing a live
 * session, closes exited tabs per the setting), tab management (rename, reorder, restart) and
 * routes keyboard shortcuts.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { defaultPublicSettings, FONT_SIZE_RANGE, type SessionInfo } from '../../../contract/bridge.js';
import { useColorScheme } from '../hooks/use-color-scheme.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { useShortcuts } from '../hooks/use-shortcuts.js';
import { shouldAutoClose } from '../lib/auto-close.js';
import { cycleFocus } from '../lib/focus-regions.js';
import type { ShortcutAction } from '../lib/shortcuts.js';
import { useAppState, useBridge, useDispatch } from '../store/context.js';
import { moveTab, type AppState } from '../store/state.js';
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
  const settings = state.settings ?? defaultPublicSettings;
  const scheme = useColorScheme(settings.theme);
  const workspaceRef = useRef<HTMLElement>(null);
  const [closing, setClosing] = useState<SessionInfo | null>(null);
  const [find, setFind] = useState<{ id: string | null; n: number }>({ id: null, n: 0 });
  const [focus, setFocus] = useState<{ id: string | null; n: number }>({ id: null, n: 0 });
  useDocumentTitle();

  const focusTerminal = useCallback((id: string) => setFocus((f) => ({ id, n: f.n + 1 })), []);
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

  // "Close the tab when the program exits": watch each session's transition to exited.
  const previous = useRef(new Map<string, SessionInfo>());
  useEffect(() => {
    const before = previous.current;
    previous.current = new Map(state.sessions.map((s) => [s.id, s]));
    for (const session of state.sessions) {
      if (shouldAutoClose(before.get(session.id), session, settings.closeOnExit)) closeNow(session);
    }
  }, [state.sessions, settings.closeOnExit, closeNow]);

  const restart = useCallback(
    (session: SessionInfo) => {
      bridge.request('session.restart', { id: session.id }).catch(() => undefined);
    },
    [bridge],
  );
  const restartAll = useCallback(() => {
    for (const s of state.sessions) if (s.state === 'exited') restart(s);
  }, [state.sessions, restart]);
  const reorder = useCallback(
    (ids: string[]) => {
      dispatch({ type: 'sessions/reordered', ids });
      bridge.request('sessions.reorder', { ids }).catch(() => undefined);
    },
    [bridge, dispatch],
  );
  const rename = useCallback(
    (id: string, name: string) => {
      bridge
        .request('session.rename', { id, name })
        .then((session) => dispatch({ type: 'session/upserted', session }))
        .catch(() => undefined);
    },
    [bridge, dispatch],
  );

  // Zoom steps add up even while the previous step's settings update is on its way.
  const zoomTarget = useRef<number | null>(null);
  useEffect(() => {
    zoomTarget.current = null;
  }, [settings.fontSize]);
  const zoom = (step: 1 | -1 | 0): void => {
    const from = zoomTarget.current ?? settings.fontSize;
    const size =
      step === 0
        ? defaultPublicSettings.fontSize
        : Math.min(FONT_SIZE_RANGE.max, Math.max(FONT_SIZE_RANGE.min, from + step));
    if (size === from) return;
    zoomTarget.current = size;
    bridge.request('settings.update', { patch: { fontSize: size } }).catch(() => undefined);
  };

  const onShortcut = (action: ShortcutAction): void => {
    const active = state.sessions.find((s) => s.id === state.activeId) ?? null;
    switch (action.type) {
      case 'new':
        openNew();
        break;
      case 'next':
      case 'previous':
        dispatch({ type: 'tab/cycle', delta: action.type === 'next' ? 1 : -1 });
        break;
      case 'goto':
        dispatch({ type: 'tab/goto', index: action.index });
        break;
      case 'moveTab':
        if (active) {
          const ids = state.sessions.map((s) => s.id);
          reorder(moveTab(ids, active.id, ids.indexOf(active.id) + action.delta));
        }
        break;
      case 'close':
        if (active) requestClose(active);
        break;
      case 'find':
        if (active) setFind((f) => ({ id: active.id, n: f.n + 1 }));
        break;
      case 'phone':
      case 'settings':
        dispatch({ type: 'panel/toggle', panel: action.type });
        break;
      case 'zoom':
        zoom(action.step);
        break;
      case 'region':
        cycleFocus(document, action.delta);
        break;
    }
  };
  useShortcuts(isMac, onShortcut);

  const estimateGrid = useCallback(() => {
    const el = workspaceRef.current;
    if (!el) return gridFor(0, 0, { width: 0, height: 0 });
    const rect = el.getBoundingClientRect();
    const cell = measureCell(document, settings.fontSize, settings.fontFamily);
    return gridFor(rect.width - TERMINAL_CHROME_X, rect.height - TERMINAL_CHROME_Y, cell);
  }, [settings.fontSize, settings.fontFamily]);

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
        shell={state.host?.shell ?? null}
        onSelect={(id, keepFocus) => {
          activate(id);
          if (!keepFocus) focusTerminal(id);
        }}
        onClose={requestClose}
        onNew={openNew}
        onRename={rename}
        onReorder={reorder}
        onRestart={restart}
        onRestartAll={restartAll}
        onTogglePanel={(panel) => dispatch({ type: 'panel/toggle', panel })}
      />
      <div className="body">
        <Workspace
          ref={workspaceRef}
          sessions={state.sessions}
          activeId={state.activeId}
          loaded={state.loaded}
          isMac={isMac}
          host={state.host}
          settings={settings}
          scheme={scheme}
          find={find}
          focus={focus}
          onNew={openNew}
          onClose={requestClose}
        />
        {state.panel === 'phone' && (
          <PhonePanel
            phone={state.phone}
            settings={state.settings}
            hostname={state.host?.hostname ?? ''}
            onClose={() => dispatch({ type: 'panel/close' })}
          />
        )}
        {state.panel === 'settings' && (
          <SettingsPanel
            settings={state.settings}
            host={state.host}
            isMac={isMac}
            onClose={() => dispatch({ type: 'panel/close' })}
          />
        )}
      </div>
      {state.newSessionOpen && (
        <NewSessionDialog
          host={state.host}
          lastCwd={state.settings?.defaultCwd ?? null}
          takenNames={state.sessions.map((s) => s.name)}
          estimateGrid={estimateGrid}
          onCancel={() => dispatch({ type: 'newSession/close' })}
          onCreated={(session) => {
            dispatch({ type: 'session/upserted', session });
            dispatch({ type: 'tab/activate', id: session.id });
            dispatch({ type: 'newSession/close' });
            focusTerminal(session.id);
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
