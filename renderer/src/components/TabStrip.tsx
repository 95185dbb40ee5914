/**
 * The tab strip: a `tablist` of sessions (arrow keys, Home/End move between tabs; Delete closes
 * one; F2 renames; Ctrl/Cmd-Shift-PageUp/PageDown moves it) that scrolls when the tabs do not
 * fit — the selected tab is always scrolled into view, arrows appear at a clipped edge, and
 * the "All tabs" menu lists every tab with its state plus "Restart all exited". Then the
 * "New session" button. Tabs are dragged to reorder and right-clicked for their menu.
 */
import { useCallback, useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { SessionInfo } from '../../../contract/bridge.js';
import { badgeFor } from '../lib/tab-badge.js';
import { chordLabel, newSessionChord } from '../lib/shortcuts.js';
import { moveTab } from '../store/state.js';
import { ChevronDownIcon, ChevronLeftIcon, ChevronRightIcon, PlusIcon } from './icons.js';
import { Menu, type MenuItem } from './Menu.js';
import { SessionTab, TAB_DRAG_TYPE, tabIds } from './SessionTab.js';

/** Props of {@link TabStrip}. */
export interface TabStripProps {
  sessions: SessionInfo[];
  activeId: string | null;
  isMac: boolean;
  shell: 'electron' | 'headless' | null;
  /** Selects a tab; `keepFocus` (keyboard moves in the tab list) leaves focus on the tab instead of its terminal. */
  onSelect: (id: string, keepFocus?: boolean) => void;
  onClose: (session: SessionInfo) => void;
  onNew: () => void;
  onRename: (id: string, name: string) => void;
  onReorder: (ids: string[]) => void;
  onRestart: (session: SessionInfo) => void;
  onRestartAll: () => void;
}

/** Tabs plus the scroll arrows, the tab list menu and the new-session button. */
export function TabStrip(props: TabStripProps) {
  const { sessions, activeId } = props;
  const listRef = useRef<HTMLDivElement>(null);
  const [edge, setEdge] = useState({ left: false, right: false });
  const [editing, setEditing] = useState<string | null>(null);
  const [drop, setDrop] = useState<{ id: string; side: 'before' | 'after' } | null>(null);
  const [menu, setMenu] = useState<{ x: number; y: number; items: MenuItem[]; label: string } | null>(null);

  const measure = useCallback(() => {
    const el = listRef.current;
    if (!el) return;
    const left = el.scrollLeft > 1;
    const right = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
    setEdge((e) => (e.left === left && e.right === right ? e : { left, right }));
  }, []);

  useEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure]);

  // The selected tab is always in view (also right after it was created at the end, and again
  // when an arrow appears and narrows the strip).
  useEffect(() => {
    const list = listRef.current;
    const el = activeId ? document.getElementById(tabIds(activeId).tab)?.parentElement : null;
    if (!list || !el) return;
    const outer = list.getBoundingClientRect();
    const inner = el.getBoundingClientRect();
    if (inner.left < outer.left) list.scrollLeft -= outer.left - inner.left;
    else if (inner.right > outer.right) list.scrollLeft += inner.right - outer.right;
    measure();
  }, [activeId, sessions.length, edge.left, edge.right, measure]);

  const scrollBy = (direction: 1 | -1): void => {
    const el = listRef.current;
    el?.scrollBy({ left: direction * Math.max(120, el.clientWidth * 0.6), behavior: 'smooth' });
  };

  const focusTab = (index: number): void => {
    const target = sessions[(index + sessions.length) % sessions.length];
    if (!target) return;
    props.onSelect(target.id, true);
    document.getElementById(tabIds(target.id).tab)?.focus();
  };

  const ids = sessions.map((s) => s.id);
  const move = (id: string, to: number): void => props.onReorder(moveTab(ids, id, to));

  const onKeyDown = (index: number) => (e: KeyboardEvent<HTMLButtonElement>) => {
    const session = sessions[index];
    if (!session) return;
    let handled = true;
    if (e.key === 'ArrowRight') focusTab(index + 1);
    else if (e.key === 'ArrowLeft') focusTab(index - 1);
    else if (e.key === 'Home') focusTab(0);
    else if (e.key === 'End') focusTab(sessions.length - 1);
    else if (e.key === 'Delete') props.onClose(session);
    else if (e.key === 'F2') setEditing(session.id);
    else handled = false;
    if (handled) e.preventDefault();
  };

  const dragOver = (session: SessionInfo) => (e: DragEvent<HTMLDivElement>) => {
    if (!e.dataTransfer.types.includes(TAB_DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    const rect = e.currentTarget.getBoundingClientRect();
    const side = e.clientX < rect.left + rect.width / 2 ? 'before' : 'after';
    setDrop((d) => (d?.id === session.id && d.side === side ? d : { id: session.id, side }));
  };
  const dropOn = (session: SessionInfo) => (e: DragEvent<HTMLDivElement>) => {
    const dragged = e.dataTransfer.getData(TAB_DRAG_TYPE);
    setDrop(null);
    if (!dragged || dragged === session.id) return;
    e.preventDefault();
    const rest = ids.filter((id) => id !== dragged);
    const target = rest.indexOf(session.id);
    const rect = e.currentTarget.getBoundingClientRect();
    move(dragged, e.clientX < rect.left + rect.width / 2 ? target : target + 1);
  };

  const exited = sessions.filter((s) => s.state === 'exited');
  const restartAllItem: MenuItem = {
    label: exited.length > 0 ? `Restart all exited (${exited.length})` : 'Restart all exited',
    separator: true,
    disabled: exited.length === 0,
    onSelect: props.onRestartAll,
  };

  const openTabList = (x: number, y: number): void => {
    setMenu({
      label: 'All tabs',
      x,
      y,
      items: [
        ...sessions.map((s) => ({
          label: s.name,
          hint: badgeFor(s).text,
          checked: s.id === activeId,
          onSelect: () => props.onSelect(s.id),
        })),
        restartAllItem,
      ],
    });
  };

  const openTabMenu = (session: SessionInfo, x: number, y: number): void => {
    const index = ids.indexOf(session.id);
    setMenu({
      label: `Tab ${session.name}`,
      x,
      y,
      items: [
        { label: 'Rename…', hint: 'F2', onSelect: () => setEditing(session.id) },
        {
          label: session.state === 'exited' ? 'Restart' : 'Restart now',
          onSelect: () => props.onRestart(session),
        },
        { label: 'Move left', disabled: index === 0, onSelect: () => move(session.id, index - 1) },
        {
          label: 'Move right',
          disabled: index === ids.length - 1,
          onSelect: () => move(session.id, index + 1),
        },
        restartAllItem,
        { label: 'Close', hint: 'Delete', separator: true, onSelect: () => props.onClose(session) },
      ],
    });
  };

  return (
    <div className="tabstrip">
      {edge.left && (
        <button
          type="button"
          className="tab-scroll"
          aria-label="Scroll tabs left"
          tabIndex={-1}
          onClick={() => scrollBy(-1)}
        >
          <ChevronLeftIcon />
        </button>
      )}
      <div role="tablist" aria-label="Sessions" className="tablist" ref={listRef} onScroll={measure}>
        {sessions.map((session, index) => (
          <SessionTab
            key={session.id}
            session={session}
            selected={session.id === activeId}
            editing={editing === session.id}
            dropSide={drop?.id === session.id ? drop.side : null}
            onSelect={() => props.onSelect(session.id)}
            onClose={() => props.onClose(session)}
            onKeyDown={onKeyDown(index)}
            onStartRename={() => setEditing(session.id)}
            onRenamed={(name) => {
              setEditing(null);
              if (name) props.onRename(session.id, name);
            }}
            onContextMenu={(e) => {
              e.preventDefault();
              openTabMenu(session, e.clientX, e.clientY);
            }}
            onDragOver={dragOver(session)}
            onDrop={dropOn(session)}
            onDragEnd={() => setDrop(null)}
          />
        ))}
      </div>
      {edge.right && (
        <button
          type="button"
          className="tab-scroll"
          aria-label="Scroll tabs right"
          tabIndex={-1}
          onClick={() => scrollBy(1)}
        >
          <ChevronRightIcon />
        </button>
      )}
      <div className="tab-tools">
        <button
          type="button"
          className="icon-btn new-tab-btn"
          aria-label="New session"
          title={`New session (${newSessionChord(props.shell, props.isMac)})`}
          onClick={props.onNew}
        >
          <PlusIcon />
        </button>
        {sessions.length > 0 && (
          <button
            type="button"
            className={`icon-btn${edge.left || edge.right ? ' tab-list-more' : ''}`}
            aria-label="All tabs"
            aria-haspopup="menu"
            aria-expanded={menu?.label === 'All tabs'}
            title={`All tabs (${sessions.length}) — last tab: ${chordLabel('9', false, props.isMac)}`}
            onClick={(e) => {
              const rect = e.currentTarget.getBoundingClientRect();
              openTabList(rect.left, rect.bottom + 4);
            }}
          >
            <ChevronDownIcon />
            {(edge.left || edge.right) && <span className="tab-count">{sessions.length}</span>}
          </button>
        )}
      </div>
      {menu && (
        <Menu label={menu.label} items={menu.items} x={menu.x} y={menu.y} onClose={() => setMenu(null)} />
      )}
    </div>
  );
}
