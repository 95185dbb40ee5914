/**
 * First step of the phone panel: how to get a bot token from @BotFather and a field to paste
 * it. The token is sent once to the host, which stores it (keychain or a 0600 file) and never
 * sends it back. Its shape is checked here first, so a typo shows at the field and is never sent;
 * what was typed stays after any error, and a Show button reveals it to check it.
 */
import { useId, useState, type FormEvent } from 'react';
import type { PhoneState } from '../../../contract/bridge.js';
import { useRequestAction } from '../hooks/use-request-action.js';
import { botTokenFormatError } from '../lib/bot-token.js';
import { useBridge } from '../store/context.js';
import { EyeIcon } from './icons.js';

/** How-to plus the "Bot token" form. */
export function TokenSetup(props: { phone: PhoneState }) {
  const bridge = useBridge();
  const fieldId = useId();
  const errorId = useId();
  const [token, setToken] = useState('');
  const [shown, setShown] = useState(false);
  const [formatError, setFormatError] = useState<string | null>(null);
  const action = useRequestAction();
  const checking = props.phone.token === 'checking';
  const shownError =
    formatError ?? action.error ?? (props.phone.token === 'invalid' ? props.phone.error : null);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (action.busy || checking) return;
    const problem = botTokenFormatError(token);
    setFormatError(problem);
    if (problem) return;
    let accepted = false;
    void action
      .run(async () => {
        const state = await bridge.request('phone.setToken', { token: token.trim() });
        accepted = state.token !== 'invalid';
      })
      .then(() => {
        // Keep what was typed unless the host accepted it (it is never shown again after that).
        if (accepted) setToken('');
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
            type={shown ? 'text' : 'password'}
            className="input input-mono"
            value={token}
            placeholder="123456789:AA…"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={shownError ? true : undefined}
            aria-describedby={shownError ? errorId : undefined}
            onChange={(e) => {
              setToken(e.target.value);
              setFormatError(null);
            }}
          />
          <button
            type="button"
            className="icon-btn"
            aria-label="Show token"
            aria-pressed={shown}
            title={shown ? 'Hide token' : 'Show token'}
            onClick={() => setShown((s) => !s)}
          >
            <EyeIcon />
          </button>
          <button type="submit" className="btn btn-primary" aria-disabled={action.busy || checking}>
            {(action.busy || checking) && <span className="spinner" aria-hidden="true" />}
            Connect
          </button>
        </div>
      </form>
      {checking && <p className="muted">Checking the token with Telegram…</p>}
      {shownError && (
        <p id={errorId} className="form-error" role="alert">
          {shownError}
        </p>
      )}
    </section>
  );
}
