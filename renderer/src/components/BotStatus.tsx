/**
 * The connected bot: its @username, where the token is kept, whether polling works (in plain
 * words), and "Remove token".
 */
import type { PhoneState } from '../../../contract/bridge.js';
import { useRequestAction } from '../hooks/use-request-action.js';
import { pollingText } from '../lib/phone-text.js';
import { useBridge } from '../store/context.js';

/** Storage of the token, in words. */
function storageText(storage: PhoneState['tokenStorage']): string {
  if (storage === 'safe-storage') return 'Token kept in the system keychain.';
  if (storage === 'file') return 'Token kept in a private file readable only by you.';
  return '';
}

/** Bot line + polling state. */
export function BotStatus(props: { phone: PhoneState }) {
  const { phone } = props;
  const bridge = useBridge();
  const action = useRequestAction();
  const polling = pollingText(phone.polling);
  return (
    <section className="panel-section">
      <div className="bot-line">
        <span className={`status-dot status-dot-${polling.tone}`} aria-hidden="true" />
        <span>
          Bot{' '}
          {phone.botUsername ? (
            <a href={`https://t.me/${phone.botUsername}`} target="_blank" rel="noreferrer">
              @{phone.botUsername}
            </a>
          ) : (
            'connected'
          )}
        </span>
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-small btn-ghost"
          aria-disabled={action.busy}
          onClick={() => void action.run(() => bridge.request('phone.clearToken', {}))}
        >
          Remove token
        </button>
      </div>
      <p className={`polling polling-${polling.tone}`}>{polling.text}</p>
      {phone.error && phone.polling !== 'conflict' && phone.polling !== 'offline' && (
        <p className="form-error">{phone.error}</p>
      )}
      {action.error && (
        <p className="form-error" role="alert">
          {action.error}
        </p>
      )}
      <p className="muted small">{storageText(phone.tokenStorage)}</p>
    </section>
  );
}
