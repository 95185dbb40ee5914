/**
 * First step of the phone panel: how to get a bot token from @BotFather and a field to paste
 * it. The token is sent once to the host, which stores it (keychain or a 0600 file) and never
 * sends it back.
 */
import { useId, useState, type FormEvent } from 'react';
import type { PhoneState } from '../../../contract/bridge.js';
import { useRequestAction } from '../hooks/use-request-action.js';
import { useBridge } from '../store/context.js';

/** How-to plus the "Bot token" form. */
export function TokenSetup(props: { phone: PhoneState }) {
  const bridge = useBridge();
  const fieldId = useId();
  const [token, setToken] = useState('');
  const action = useRequestAction();
  const checking = props.phone.token === 'checking';
  const shownError = action.error ?? (props.phone.token === 'invalid' ? props.phone.error : null);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const value = token.trim();
    if (value === '' || action.busy) return;
    void action
      .run(() => bridge.request('phone.setToken', { token: value }))
      .then((ok) => {
        if (ok) setToken('');
      });
  };

  return (
    <section className="panel-section">
      <h3 className="section-title">Connect a Telegram bot</h3>
      <ol className="steps">
        <li>
          In Telegram, open{' '}
          <a href="https://t.me/BotFather" target="_blank" rel="noreferrer">
            @BotFather
          </a>
          .
        </li>
        <li>
          Send <code>/newbot</code> and pick a name and a username for your bot.
        </li>
        <li>Copy the token it gives you and paste it here.</li>
      </ol>
      <form className="field" onSubmit={submit}>
        <label htmlFor={fieldId} className="field-label">
          Bot token
        </label>
        <div className="input-row">
          <input
            id={fieldId}
            type="password"
            className="input input-mono"
            value={token}
            placeholder="123456789:AA…"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setToken(e.target.value)}
          />
          <button type="submit" className="btn btn-primary" aria-disabled={action.busy || checking}>
            {(action.busy || checking) && <span className="spinner" aria-hidden="true" />}
            Connect
          </button>
        </div>
      </form>
      {checking && <p className="muted">Checking the token with Telegram…</p>}
      {shownError && (
        <p className="form-error" role="alert">
          {shownError}
        </p>
      )}
    </section>
  );
}
