/**
 * One tab: a `role="tab"` button named by the session's name, with its state dot, a
 * "sent to phone" marker while the open prompt was relayed, and a close button.
 */
import type { KeyboardEvent } from 'react';
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

/** Props of {@link SessionTab}. */
export interface SessionTabProps {
  session: SessionInfo;
  selected: boolean;
  onSelect: () => void;
  onClose: () => void;
  onKeyDown: (e: KeyboardEvent<HTMLButtonElement>) => void;
}

/** A tab of the strip. Clicking does not move focus off the terminal. */
export function SessionTab(props: SessionTabProps) {
  const { session, selected } = props;
  const ids = tabIds(session.id);
  const relayed = session.prompt?.relayed === true;
  const description = `${stateText(session)}${relayed ? ', sent to phone' : ''}`;
  const tooltip = `${session.name} — ${agentLabel(session.agent)}: ${session.commandLine}\n${session.cwd}${
    session.title ? `\n${session.title}` : ''
  }${usageTooltip(session)}`;
  return (
    <div className={`tab${selected ? ' tab-selected' : ''} tab-state-${session.state}`}>
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
        onMouseDown={(e) => {
          if (e.button === 0) e.preventDefault();
        }}
        onClick={props.onSelect}
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
      <button
        type="button"
        className="tab-close"
        aria-label={`Close ${session.name}`}
        title={`Close ${session.name}`}
        tabIndex={selected ? 0 : -1}
        onMouseDown={(e) => e.preventDefault()}
        onClick={props.onClose}
      >
        <CloseIcon size={12} />
      </button>
    </div>
  );
}
