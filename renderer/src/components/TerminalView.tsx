/**
 * Mounts a {@link TerminalController} for one session and keeps it alive while the tab exists;
 * hidden tabs keep their xterm (and scrollback) and only lose WebGL. Settings changes are
 * applied to the live terminal.
 */
import { useEffect, useRef } from 'react';
import type { PublicSettings } from '../../../contract/bridge.js';
import { useBridge } from '../store/context.js';
import { TerminalController } from '../terminal/terminal-controller.js';

/** Props of {@link TerminalView}. */
export interface TerminalViewProps {
  sessionId: string;
  agent: string;
  active: boolean;
  isMac: boolean;
  settings: PublicSettings;
  scheme: 'dark' | 'light';
  /** Changes when the app wants this terminal focused (e.g. right after it was created). */
  focusSignal: number;
  /** Asks the user about a multi-line paste; resolves true to paste. */
  confirmPaste: (text: string) => Promise<boolean>;
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
  if (el.closest('[role="tablist"], dialog, .sheet, .tab-tools')) return false;
  return el.closest('.workspace') !== null || el.closest('.topbar') !== null;
}

/** Opens a Ctrl/Cmd-clicked link. In Electron the window-open handler hands it to the OS browser (http/https only). */
function openLink(uri: string): void {
  window.open(uri, '_blank', 'noopener,noreferrer');
}

/** The xterm host element of one session. */
export function TerminalView(props: TerminalViewProps) {
  const { sessionId, isMac, onController, active, focusSignal, settings, scheme } = props;
  const bridge = useBridge();
  const hostRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<TerminalController | null>(null);
  const latest = useRef({ settings, scheme, agent: props.agent, confirmPaste: props.confirmPaste });
  useEffect(() => {
    latest.current = { settings, scheme, agent: props.agent, confirmPaste: props.confirmPaste };
  });

  useEffect(() => {
    const container = hostRef.current;
    if (!container) return;
    const controller = new TerminalController({
      bridge,
      sessionId,
      container,
      isMac,
      settings: latest.current.settings,
      scheme: latest.current.scheme,
      agent: () => latest.current.agent,
      confirmPaste: (text) => latest.current.confirmPaste(text),
      openLink,
    });
    controllerRef.current = controller;
    onController(controller);
    return () => {
      controllerRef.current = null;
      onController(null);
      controller.dispose();
    };
  }, [bridge, sessionId, isMac, onController]);

  useEffect(() => {
    controllerRef.current?.applySettings(settings, scheme);
  }, [settings, scheme]);

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
