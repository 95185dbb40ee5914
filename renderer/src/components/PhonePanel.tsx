/**
 * The phone side sheet: bot token setup until a valid token is stored, then the bot status,
 * pairing and the pause switch.
 */
import type { PhoneState, PublicSettings } from '../../../contract/bridge.js';
import { BotStatus } from './BotStatus.js';
import { PairingSection } from './PairingSection.js';
import { PauseToggle } from './PauseToggle.js';
import { SidePanel } from './SidePanel.js';
import { TokenSetup } from './TokenSetup.js';

/** Props of {@link PhonePanel}. */
export interface PhonePanelProps {
  phone: PhoneState | null;
  /** For the computer's name in the chat (null until they arrive). */
  settings: PublicSettings | null;
  /** The host name: the computer's name when Settings leave it empty. */
  hostname: string;
  onClose: () => void;
}

/** Chooses the sections for the current phone state. */
export function PhonePanel(props: PhonePanelProps) {
  const { phone } = props;
  return (
    <SidePanel title="Phone" onClose={props.onClose}>
      {!phone ? (
        <p className="muted">Loading…</p>
      ) : phone.token === 'valid' ? (
        <>
          <BotStatus phone={phone} />
          <PairingSection phone={phone} settings={props.settings} hostname={props.hostname} />
          {phone.paired && <PauseToggle phone={phone} />}
        </>
      ) : (
        <TokenSetup phone={phone} />
      )}
    </SidePanel>
  );
}
