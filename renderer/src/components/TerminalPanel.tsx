/**
 * One session's `tabpanel`: the prompt bar, the terminal, the find bar, the exit bar, the
 * terminal's right-click menu and the multi-line paste question. Hidden panels stay mounted so
 * their terminals keep scrollback and keep receiving output.
 */
import { useCallback, useEffect, useState, type MouseEvent } from 'react';
import type { PublicSettings, SessionInfo } from '../../../contract/bridge.js';
import { chordLabel } from '../lib/shortcuts.js';
import { useBridge } from '../store/context.js';
import { copySelection, pasteFromClipboard } from '../terminal/clipboard.js';
import type { SizeNotice } from '../terminal/size-share.js';
import type { TerminalController } from '../terminal/terminal-controller.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { ExitBar } from './ExitBar.js';
import { FindBar } from './FindBar.js';
import { Menu, type MenuItem } from './Menu.js';
import { PromptBar } from './PromptBar.js';
import { tabIds } from './SessionTab.js';
import { SizeNoticeBar } from './SizeNoticeBar.js';
import { TerminalView } from './TerminalView.js';

/** Props of {@link TerminalPanel}. */
export interface TerminalPanelProps {
  session: SessionInfo;
  active: boolean;
  isMac: boolean;
  settings: PublicSettings;
  scheme: 'dark' | 'light';
  /** Increments each time the user asks to find in this panel. */
  findSignal: number;
  /** Changes when the terminal should take focus. */
  focusSignal: number;
  onClose: () => void;
  /** Sessions stopped by a restart, for "Resume all". */
  stoppedCount: number;
}

interface PasteQuestion {
  lines: number;
  answer: (ok: boolean) => void;
}

/** A session's panel. */
export function TerminalPanel(props: TerminalPanelProps) {
  const { session, active, findSignal, isMac } = props;
  const bridge = useBridge();
  const ids = tabIds(session.id);
  const [controller, setController] = useState<TerminalController | null>(null);
  const [findOpen, setFindOpen] = useState(false);
  const [seenFindSignal, setSeenFindSignal] = useState(findSignal);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const [paste, setPaste] = useState<PasteQuestion | null>(null);
  const [notice, setNotice] = useState<SizeNotice | null>(null);
  const [menuError, setMenuError] = useState<string | null>(null);

  if (findSignal !== seenFindSignal) {
    setSeenFindSignal(findSignal);
    if (findSignal > seenFindSignal) setFindOpen(true);
  }

  const [wasActive, setWasActive] = useState(active);
  if (active !== wasActive) {
    setWasActive(active);
    if (!active) setFindOpen(false);
  }

  const onController = useCallback((c: TerminalController | null) => setController(c), []);
  useEffect(() => {
    controller?.onSizeNotice(setNotice);
    return () => controller?.onSizeNotice(null);
  }, [controller]);

  const confirmPaste = useCallback(
    (text: string) =>
      new Promise<boolean>((resolve) => {
        setPaste({ lines: text.replace(/[\r\n]+$/, '').split(/\r\n|\r|\n/).length, answer: resolve });
      }),
    [],
  );

  const start = async (how: 'session.restart' | 'session.resume'): Promise<void> => {
    const size = controller?.size();
    await bridge.request(how, size ? { id: session.id, ...size } : { id: session.id });
    await controller?.reattach();
    controller?.focus();
  };
  const resumeAll = async (): Promise<void> => {
    await bridge.request('sessions.resumeAll', {});
    await controller?.reattach();
  };

  const onContextMenu = (e: MouseEvent): void => {
    if (!controller) return;
    e.preventDefault();
    setMenuError(null);
    setMenu({ x: e.clientX, y: e.clientY });
  };

  const term = controller?.term;
  const items: MenuItem[] = term
    ? [
        {
          label: 'Copy',
          hint: isMac ? '⌘C' : 'Ctrl+Shift+C',
          disabled: !term.hasSelection(),
          onSelect: () => void copySelection(term).then(() => controller.focus()),
        },
        {
          label: 'Paste',
          hint: isMac ? '⌘V' : 'Ctrl+Shift+V',
          onSelect: () => {
            pasteFromClipboard(term, controller.clipboard)
              .then(() => controller.focus())
              .catch(() =>
                setMenuError('The browser did not allow reading the clipboard; use the paste keys.'),
              );
          },
        },
        { label: 'Select all', onSelect: () => term.selectAll() },
        { label: 'Clear', separator: true, onSelect: () => term.clear() },
        { label: 'Find…', hint: chordLabel('F', true, isMac), onSelect: () => setFindOpen(true) },
      ]
    : [];

  return (
    <div role="tabpanel" id={ids.panel} aria-labelledby={ids.tab} hidden={!active} className="terminal-panel">
      {session.prompt && session.state === 'needs-attention' && <PromptBar prompt={session.prompt} />}
      <SizeNoticeBar notice={notice} onFit={() => controller?.claimSize()} />
      <div className={`terminal-frame${notice ? ' size-foreign' : ''}`} onContextMenu={onContextMenu}>
        <TerminalView
          sessionId={session.id}
          agent={session.agent}
          active={active}
          isMac={isMac}
          settings={props.settings}
          scheme={props.scheme}
          focusSignal={props.focusSignal}
          confirmPaste={confirmPaste}
          onController={onController}
        />
        {findOpen && controller && <FindBar controller={controller} onClose={() => setFindOpen(false)} />}
      </div>
      {menuError && (
        <p className="form-error terminal-menu-error" role="alert">
          {menuError}
        </p>
      )}
      {session.state === 'exited' && (
        <ExitBar
          session={session}
          onRestart={() => start('session.restart')}
          onResume={() => start('session.resume')}
          stoppedCount={props.stoppedCount}
          onResumeAll={resumeAll}
          onClose={props.onClose}
        />
      )}
      {menu && <Menu label="Terminal" items={items} x={menu.x} y={menu.y} onClose={() => setMenu(null)} />}
      {paste && (
        <ConfirmDialog
          title={`Paste ${paste.lines} lines into ${session.name}?`}
          message="A shell may run each line as a command as soon as it arrives. Check the text before pasting it."
          confirmLabel="Paste"
          onCancel={() => {
            paste.answer(false);
            setPaste(null);
            controller?.focus();
          }}
          onConfirm={() => {
            paste.answer(true);
            setPaste(null);
            controller?.focus();
          }}
        />
      )}
    </div>
  );
}
