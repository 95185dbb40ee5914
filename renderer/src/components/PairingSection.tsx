/**
 * Pairing a phone: "Pair phone" opens a one-time offer (QR code + deep link + countdown,
 * "New code", and "Pair a group" for a group chat several computers share); once paired,
 * "Paired with @username" (and the group), whether messages carry this computer's name, Unpair,
 * and a warning while the chat blocks the bot. The QR SVG is produced by the
 * host with the `qrcode` library from the deep link alone, so injecting its markup is safe.
 */
import type { PairingOffer, PhoneState, PublicSettings } from '../../../contract/bridge.js';
import { useRequestAction } from '../hooks/use-request-action.js';
import { BLOCKED_TEXT, nameInChat, pairedLine } from '../lib/phone-text.js';
import { useBridge } from '../store/context.js';
import { Countdown } from './Countdown.js';

/** The offer: QR, link, time left, New code / Cancel. */
function OfferView(props: {
  offer: PairingOffer;
  onNewCode: () => void;
  onCancel: () => void;
  busy: boolean;
}) {
  const { offer } = props;
  return (
    <div className="pairing-offer">
      <p>
        Scan with your phone's camera, or open the link on a computer with Telegram Desktop, then press Start
        in the chat.
      </p>
      <div
        className="qr"
        role="img"
        aria-label="QR code of the pairing link"
        dangerouslySetInnerHTML={{ __html: offer.qrSvg }}
      />
      <a className="deep-link" href={offer.deepLink} target="_blank" rel="noreferrer">
        Open in Telegram Desktop
      </a>
      <p className="muted small">
        Several computers in one chat? Each needs its own bot. Add them to one group with{' '}
        <a className="deep-link" href={offer.groupLink} target="_blank" rel="noreferrer">
          Pair a group (several computers in one chat)
        </a>
        : Telegram asks which group, and only you can answer there.
      </p>
      <div className="pairing-footer">
        <Countdown expiresAt={offer.expiresAt} />
        <span className="spacer" />
        <button type="button" className="btn btn-small" aria-disabled={props.busy} onClick={props.onNewCode}>
          New code
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** Pairing state and actions. */
export function PairingSection(props: {
  phone: PhoneState;
  settings: PublicSettings | null;
  hostname: string;
}) {
  const { phone, settings } = props;
  const computerName = settings?.computerName || props.hostname;
  const bridge = useBridge();
  const action = useRequestAction();
  const begin = (): void => void action.run(() => bridge.request('pairing.begin', {}));

  return (
    <section className="panel-section">
      <h3 className="section-title">Phone</h3>
      {phone.paired && phone.blocked && (
        <p className="form-error" role="status">
          {BLOCKED_TEXT}
        </p>
      )}
      {phone.paired ? (
        <div className="paired-line">
          <span className={`status-dot status-dot-${phone.blocked ? 'warn' : 'ok'}`} aria-hidden="true" />
          <span>{pairedLine(phone.paired)}</span>
          <span className="spacer" />
          <button
            type="button"
            className="btn btn-small btn-ghost"
            aria-disabled={action.busy}
            onClick={() => void action.run(() => bridge.request('pairing.unpair', {}))}
          >
            Unpair
          </button>
        </div>
      ) : phone.pairing ? (
        <OfferView
          offer={phone.pairing}
          busy={action.busy}
          onNewCode={begin}
          onCancel={() => void action.run(() => bridge.request('pairing.cancel', {}))}
        />
      ) : (
        <>
          <p className="muted">
            Pair the phone that should get prompts. Only the paired chat can answer them.
          </p>
          <button type="button" className="btn btn-primary" aria-disabled={action.busy} onClick={begin}>
            Pair phone
          </button>
        </>
      )}
      {phone.paired && settings && (
        <p className="muted small">
          {nameInChat(settings.computerNameInChat, phone.paired)
            ? `Messages in the chat show this computer as “${computerName}” (Settings).`
            : `Messages in the chat do not show this computer’s name (“${computerName}”; Settings).`}
        </p>
      )}
      {action.error && (
        <p className="form-error" role="alert">
          {action.error}
        </p>
      )}
    </section>
  );
}
