/**
 * One session's `tabpanel`: the prompt bar, the terminal, the find bar and the exit bar.
 * Hidden panels stay mounted so their terminals keep scrollback and keep receiving output.
 */
import { useCallback, useState } from 'react';
import type { SessionInfo } from '../../../contract/bridge.js';
import { useBridge } from '../store/context.js';
import type { TerminalController } from '../terminal/terminal-controller.js';
import { ExitBar } from './ExitBar.js';
import { FindBar } from './FindBar.js';
import { PromptBar } from './PromptBar.js';
import { tabIds } from './SessionTab.js';
import { TerminalView } from './TerminalView.js';

/** Props of {@link TerminalPanel}. */
export interface TerminalPanelProps {
  session: SessionInfo;
  active: boolean;
  isMac: boolean;
  /** Increments each time the user asks to find in this panel. */
  findSignal: number;
  /** Changes when the terminal should take focus. */
  focusSignal: number;
  onClose: () => void;
  /** Sessions stopped by a restart, for "Resume all". */
  stoppedCount: number;
}

/** A session's panel. */
export function TerminalPanel(props: TerminalPanelProps) {
  const { session, active, findSignal } = props;
  const bridge = useBridge();
  const ids = tabIds(session.id);
  const [controller, setController] = useState<TerminalController | null>(null);
  const [findOpen, setFindOpen] = useState(false);
  const [seenFindSignal, setSeenFindSignal] = useState(findSignal);

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

  return (
    <div role="tabpanel" id={ids.panel} aria-labelledby={ids.tab} hidden={!active} className="terminal-panel">
      {session.prompt && session.state === 'needs-attention' && <PromptBar prompt={session.prompt} />}
      <div className="terminal-frame">
        <TerminalView
          sessionId={session.id}
          active={active}
          isMac={props.isMac}
          focusSignal={props.focusSignal}
          onController={onController}
        />
        {findOpen && controller && <FindBar controller={controller} onClose={() => setFindOpen(false)} />}
      </div>
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
    </div>
  );
}
