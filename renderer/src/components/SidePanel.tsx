/**
 * A side sheet on the right (Phone, Settings). Tab and Shift-Tab stay inside it (focus wraps
 * from the last control to the first); F6 moves on to the next focus region and a click
 * anywhere else still works, so it is not modal. Esc or the close button closes it and returns
 * focus to where it was.
 */
import { useEffect, useId, useRef, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import { CloseIcon } from './icons.js';

/** Props of {@link SidePanel}. */
export interface SidePanelProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
}

/** The sheet frame with a heading and a close button; focuses itself when opened. */
export function SidePanel(props: SidePanelProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.focus();
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  // Esc closes the panel while focus is in it, or nowhere in particular (the button that had it
  // was replaced, e.g. "Pair phone" by the QR code). Never while a terminal has focus: Esc belongs
  // to the program there (Claude Code's "Esc to cancel").
  const { onClose } = props;
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const active = document.activeElement;
      if (active === null || active === document.body || ref.current?.contains(active)) {
        e.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const trapTab = (e: ReactKeyboardEvent<HTMLDivElement>): void => {
    if (e.key !== 'Tab' || !ref.current) return;
    const focusable = [
      ...ref.current.querySelectorAll<HTMLElement>(
        'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, [tabindex="0"]',
      ),
    ].filter((el) => el.offsetParent !== null);
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    const active = document.activeElement;
    if (e.shiftKey && (active === first || active === ref.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && active === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div
      ref={ref}
      className="sheet"
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      tabIndex={-1}
      onKeyDown={trapTab}
    >
      <div className="sheet-header">
        <h2 id={titleId} className="sheet-title">
          {props.title}
        </h2>
        <button
          type="button"
          className="icon-btn"
          aria-label={`Close ${props.title.toLowerCase()}`}
          onClick={props.onClose}
        >
          <CloseIcon />
        </button>
      </div>
      <div className="sheet-body">{props.children}</div>
    </div>
  );
}
