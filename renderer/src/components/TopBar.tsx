/**
 * The window's top bar: the tab strip on the left, the Phone and Settings buttons on the right.
 * The Phone button shows a dot when the phone side needs setup or has a problem.
 */
import type { PhoneState } from '../../../contract/bridge.js';
import { chordLabel } from '../lib/shortcuts.js';
import type { Panel } from '../store/state.js';
import { GearIcon, PhoneIcon } from './icons.js';
import { TabStrip, type TabStripProps } from './TabStrip.js';

/** Props of {@link TopBar}. */
export interface TopBarProps extends TabStripProps {
  phone: PhoneState | null;
  panel: Panel | null;
  onTogglePanel: (panel: Panel) => void;
}

/** Phone status in a word, for the button's tooltip and dot colour. */
function phoneStatus(phone: PhoneState | null): { label: string; tone: 'ok' | 'warn' | 'off' } {
  if (!phone || phone.token === 'none') return { label: 'Phone: not set up', tone: 'off' };
  // A rejected first token is shown in the form; with nothing stored there is nothing to fix here.
  if (phone.token === 'invalid' && phone.tokenStorage === 'none')
    return { label: 'Phone: not set up', tone: 'off' };
  if (
    phone.token === 'invalid' ||
    phone.polling === 'conflict' ||
    phone.polling === 'offline' ||
    (phone.paired && phone.blocked)
  ) {
    return { label: 'Phone: needs attention', tone: 'warn' };
  }
  if (phone.paired && phone.paused) return { label: 'Phone: notifications paused', tone: 'off' };
  if (phone.paired) return { label: 'Phone: paired', tone: 'ok' };
  return { label: 'Phone: not paired', tone: 'off' };
}

/** Tabs and the panel buttons. */
export function TopBar(props: TopBarProps) {
  const status = phoneStatus(props.phone);
  return (
    <header className="topbar">
      <TabStrip
        sessions={props.sessions}
        activeId={props.activeId}
        isMac={props.isMac}
        shell={props.shell}
        onSelect={props.onSelect}
        onClose={props.onClose}
        onNew={props.onNew}
        onRename={props.onRename}
        onReorder={props.onReorder}
        onRestart={props.onRestart}
        onRestartAll={props.onRestartAll}
      />
      <div className="topbar-actions">
        <button
          type="button"
          className="icon-btn"
          aria-label="Phone"
          aria-pressed={props.panel === 'phone'}
          title={`${status.label} (${chordLabel('P', true, props.isMac)})`}
          onClick={() => props.onTogglePanel('phone')}
        >
          <PhoneIcon />
          <span className={`status-dot status-dot-${status.tone}`} aria-hidden="true" />
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label="Settings"
          aria-pressed={props.panel === 'settings'}
          title={`Settings (${chordLabel(',', false, props.isMac)})`}
          onClick={() => props.onTogglePanel('settings')}
        >
          <GearIcon />
        </button>
      </div>
    </header>
  );
}
