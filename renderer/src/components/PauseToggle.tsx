/**
 * "Pause notifications": while on, prompts stay on the desktop and nothing goes to the phone.
 */
import { useId } from 'react';
import type { PhoneState } from '../../../contract/bridge.js';
import { useRequestAction } from '../hooks/use-request-action.js';
import { useBridge } from '../store/context.js';

/** A switch bound to `phone.setPaused`. */
export function PauseToggle(props: { phone: PhoneState }) {
  const bridge = useBridge();
  const id = useId();
  const hintId = useId();
  const action = useRequestAction();
  return (
    <section className="panel-section">
      <div className="switch-row">
        <span>
          <label className="switch-label" htmlFor={id}>
            Pause notifications
          </label>
          <span id={hintId} className="muted small block">
            Nothing is sent to the phone while paused.
          </span>
        </span>
        <input
          id={id}
          type="checkbox"
          className="switch"
          aria-describedby={hintId}
          checked={props.phone.paused}
          disabled={action.busy}
          onChange={(e) =>
            void action.run(() => bridge.request('phone.setPaused', { paused: e.target.checked }))
          }
        />
      </div>
      {action.error && (
        <p className="form-error" role="alert">
          {action.error}
        </p>
      )}
    </section>
  );
}
