/**
 * Mounts a {@link TerminalController} for one session and keeps it alive while the tab exists;
 * hidden tabs keep their xterm (and scrollback) and only lose WebGL.
 */
import { useEffect, useRef } from 'react';
import { useBridge } from '../store/context.js';
import { TerminalController } from '../terminal/terminal-controller.js';

/** Props of {@link TerminalView}. */
export interface TerminalViewProps {
  sessionId: string;
  active: boolean;
  isMac: boolean;
  /** Changes when the app wants this terminal focused (e.g. right after it was created). */
  focusSignal: number;
  /** Receives the controller after mount and null on unmount. */
  onController: (controller: TerminalController | null) => void;
}

/**
 * True when showing a tab may take keyboard focus: not while the user is moving through the
 * tab list with the keyboard, nor while a dialog or side sheet has focus.
 */
function mayTakeFocus(): boolean {
  const el = document.activeElement;
  if (!el || el === document.body) return true;
  if (el.closest('[role="tablist"], dialog, .sheet')) return false;
  return el.closest('.workspace') !== null || el.closest('.topbar') !== null;
}

/** The xterm host element of one session. */
export function TerminalView(props: TerminalViewProps) {
  const { sessionId, isMac, onController, active, focusSignal } = props;
  const bridge = useBridge();
  const hostRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<TerminalController | null>(null);

  useEffect(() => {
    const container = hostRef.current;
    if (!container) return;
    const controller = new TerminalController({ bridge, sessionId, container, isMac });
    controllerRef.current = controller;
    onController(controller);
    return () => {
      controllerRef.current = null;
      onController(null);
      controller.dispose();
    };
  }, [bridge, sessionId, isMac, onController]);

  useEffect(() => {
    const controller = controllerRef.current;
    if (!controller) return;
    controller.setVisible(active);
    if (active && mayTakeFocus()) controller.focus();
  }, [active]);

  useEffect(() => {
    if (focusSignal > 0) controllerRef.current?.focus();
  }, [focusSignal]);

  return <div ref={hostRef} className="terminal-host" />;
}
