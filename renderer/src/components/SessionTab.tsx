/**
 * One tab: a `role="tab"` button named by the session's name, with its state icon, a "sent to
 * phone" marker while the open prompt was relayed, and a close control. The close control is
 * mouse-only (a focusable button inside a tablist breaks the tab pattern for screen readers);
 * keyboard users press Delete on the tab. Double-click or F2 renames in place; tabs can be
 * dragged to a new place.
 */
import { useState, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { SessionInfo } from '../../../contract/bridge.js';
import { describeTokens, totalTokens } from '../../../contract/usage.js';
import { agentLabel } from '../lib/presets.js';
import { CloseIcon, PhoneIcon } from './icons.js';
import { StateBadge, stateText } from './StateBadge.js';

/** DOM ids shared by a tab and its panel. */
export function tabIds(sessionId: string): { tab: string; panel: string; desc: string } {
  return { tab: `tab-${sessionId}`, panel: `panel-${sessionId}`, desc: `tab-desc-${sessionId}` };
}

/** Token use and cost lines of the tooltip ("" when the agent reports none). */
export function usageTooltip(session: SessionInfo): string {
  const usage = session.usage;
  if (!usage || totalTokens(usage.total) === 0) return '';
  const turn = usage.lastTurn ? `\nLast turn: ${describeTokens(usage.lastTurn)}` : '';
  return `\nSession: ${describeTokens(usage.total)}${turn}`;
}

/** The drag payload type of a tab (its session id). */
export const TAB_DRAG_TYPE = 'application/x-agent-pager-tab';

/** Props of {@link SessionTab}. */
export interface SessionTabProps {
  session: SessionInfo;
  selected: boolean;
  editing: boolean;
  /** Where a dragged tab would land relative to this one, for the drop marker. */
  dropSide: 'before' | 'after' | null;
  onSelect: () => void;
  onClose: () => void;
  onKeyDown: (e: KeyboardEvent<HTMLButtonElement>) => void;
  onStartRename: () => void;
  /** Commits a new name (null: cancelled). */
  onRenamed: (name: string | null) => void;
  onContextMenu: (e: MouseEvent) => void;
  onDragOver: (e: DragEvent<HTMLDivElement>) => void;
  onDrop: (e: DragEvent<HTMLDivElement>) => void;
  onDragEnd: () => void;
}

/** The in-place name editor: Enter saves, Esc or leaving it cancels an empty name. */
function RenameInput(props: { initial: string; onDone: (name: string | null) => void }) {
  const [value, setValue] = useState(props.initial);
  const finish = (save: boolean): void => {
    const name = value.trim();
    props.onDone(save && name !== '' && name !== props.initial ? name : null);
  };
  return (
    <input
      className="tab-rename"
      aria-label="Tab name"
      value={value}
      maxLength={80}
      autoFocus
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => finish(true)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') finish(true);
        else if (e.key === 'Escape') finish(false);
      }}
    />
  );
}

/** A tab of the strip. Clicking selects it and moves focus to its terminal. */
export function SessionTab(props: SessionTabProps) {
  const { session, selected } = props;
  const ids = tabIds(session.id);
  const relayed = session.prompt?.relayed === true;
  const description = `${stateText(session)}${relayed ? ', sent to phone' : ''}. Delete closes, F2 renames.`;
  const tooltip = `${session.name} — ${stateText(session)}\n${agentLabel(session.agent)}: ${session.commandLine}\n${session.cwd}${
    session.title ? `\n${session.title}` : ''
  }${usageTooltip(session)}`;
  const classes = [
    'tab',
    selected && 'tab-selected',
    `tab-state-${session.state}`,
    props.dropSide && `tab-drop-${props.dropSide}`,
  ];
  return (
    <div
      className={classes.filter(Boolean).join(' ')}
      draggable={!props.editing}
      onDragStart={(e) => {
        e.dataTransfer.setData(TAB_DRAG_TYPE, session.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={props.onDragOver}
      onDrop={props.onDrop}
      onDragEnd={props.onDragEnd}
      onContextMenu={props.onContextMenu}
    >
      {props.editing ? (
        <RenameInput initial={session.name} onDone={props.onRenamed} />
      ) : (
        <button
          type="button"
          role="tab"
          id={ids.tab}
          aria-selected={selected}
          aria-controls={ids.panel}
          aria-label={session.name}
          aria-describedby={ids.desc}
          tabIndex={selected ? 0 : -1}
          title={tooltip}
          className="tab-main"
          onClick={props.onSelect}
          onDoubleClick={props.onStartRename}
          onAuxClick={(e) => {
            if (e.button === 1) props.onClose();
          }}
          onKeyDown={props.onKeyDown}
        >
          <StateBadge session={session} />
          <span className="tab-name">{session.name}</span>
          {relayed && (
            <span className="tab-relayed" title="Sent to phone" aria-hidden="true">
              <PhoneIcon size={12} />
            </span>
          )}
          <span id={ids.desc} hidden>
            {description}
          </span>
        </button>
      )}
      <span
        className="tab-close"
        aria-hidden="true"
        title={`Close ${session.name}`}
        data-testid="tab-close"
        onClick={props.onClose}
      >
        <CloseIcon size={12} />
      </span>
    </div>
  );
}
