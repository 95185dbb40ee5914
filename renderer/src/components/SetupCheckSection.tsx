/**
 * Settings: "Check setup" runs the host's setup checks (the same as `npm run doctor`) and lists
 * one line per check: ok, warning or problem, with how to fix it.
 */
import { useState } from 'react';
import type { SetupCheck } from '../../../contract/bridge.js';
import { useRequestAction } from '../hooks/use-request-action.js';
import { useBridge } from '../store/context.js';

const MARK: Record<SetupCheck['status'], string> = { ok: '✔', warn: '!', problem: '✘' };
const WORD: Record<SetupCheck['status'], string> = { ok: 'OK', warn: 'Warning', problem: 'Problem' };

/** The button and, once run, the list of results. */
export function SetupCheckSection() {
  const bridge = useBridge();
  const action = useRequestAction();
  const [checks, setChecks] = useState<SetupCheck[] | null>(null);
  const run = (): void =>
    void action.run(async () => {
      setChecks(await bridge.request('setup.check', {}));
    });
  const problems = checks?.filter((c) => c.status === 'problem').length ?? 0;
  return (
    <section className="panel-section" aria-labelledby="setup-check-title">
      <h3 id="setup-check-title" className="section-title">
        Setup
      </h3>
      <button type="button" className="btn" aria-disabled={action.busy} onClick={run}>
        {action.busy && <span className="spinner" aria-hidden="true" />}
        Check setup
      </button>
      {checks && (
        <>
          <p role="status" className="small">
            {problems === 0 ? 'All set.' : `${problems} problem${problems === 1 ? '' : 's'} to fix.`}
          </p>
          <ul className="setup-checks">
            {checks.map((c) => (
              <li key={c.name} className={`setup-check is-${c.status}`}>
                <span className="setup-mark" aria-label={WORD[c.status]}>
                  {MARK[c.status]}
                </span>
                <span>
                  <strong>{c.name}</strong>: {c.detail}
                  {c.fix && <span className="muted small block">{c.fix}</span>}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {action.error && (
        <p className="form-error" role="alert">
          {action.error}
        </p>
      )}
    </section>
  );
}
