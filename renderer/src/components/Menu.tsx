/**
 * A small popup menu (`role="menu"`) at a point: the terminal's right-click menu and the tab
 * strip's list of tabs. Focus moves to the first item; Up/Down/Home/End move, Enter or Space
 * picks, Esc, Tab or a click elsewhere closes and returns focus to where it was.
 */
import {
  Fragment,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';

/** One entry of a {@link Menu}. */
export interface MenuItem {
  label: string;
  /** Shown right-aligned, e.g. "Ctrl+Shift+C". */
  hint?: string;
  /** Decorative leading icon. */
  icon?: ReactNode;
  disabled?: boolean;
  /** Marks the current entry (e.g. the selected tab) with `aria-checked`. */
  checked?: boolean;
  /** Draw a separator above this entry. */
  separator?: boolean;
  onSelect: () => void;
}

/** Props of {@link Menu}. */
export interface MenuProps {
  label: string;
  items: MenuItem[];
  /** Anchor point in viewport px; the menu is kept inside the window. */
  x: number;
  y: number;
  onClose: () => void;
}

/** The menu; mount it only while open. */
export function Menu(props: MenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ left: props.x, top: props.y });
  const { onClose } = props;

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const rect = el.getBoundingClientRect();
    setPos({
      left: Math.max(4, Math.min(props.x, window.innerWidth - rect.width - 4)),
      top: Math.max(4, Math.min(props.y, window.innerHeight - rect.height - 4)),
    });
  }, [props.x, props.y]);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.querySelector<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])')?.focus();
    const onDown = (e: MouseEvent): void => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('mousedown', onDown, true);
    return () => {
      window.removeEventListener('mousedown', onDown, true);
      if (previous?.isConnected) previous.focus();
    };
  }, [onClose]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number): void => items[(to + items.length) % items.length]?.focus();
    if (e.key === 'ArrowDown') move(index + 1);
    else if (e.key === 'ArrowUp') move(index - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(items.length - 1);
    else if (e.key === 'Escape' || e.key === 'Tab') onClose();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div
      ref={ref}
      role="menu"
      aria-label={props.label}
      className="menu"
      style={{ left: pos.left, top: pos.top }}
      onKeyDown={onKeyDown}
    >
      {props.items.map((item, i) => (
        <Fragment key={`${i}-${item.label}`}>
          {item.separator && <div role="separator" className="menu-separator" />}
          <button
            type="button"
            role={item.checked === undefined ? 'menuitem' : 'menuitemradio'}
            aria-checked={item.checked}
            aria-disabled={item.disabled || undefined}
            tabIndex={-1}
            className="menu-item"
            onClick={() => {
              if (item.disabled) return;
              onClose();
              item.onSelect();
            }}
          >
            <span className="menu-icon" aria-hidden="true">
              {item.icon}
            </span>
            <span className="menu-label">{item.label}</span>
            {item.hint && <span className="menu-hint">{item.hint}</span>}
          </button>
        </Fragment>
      ))}
    </div>
  );
}
