/**
 * A banner across the top while the WebSocket to the host is down, so a frozen terminal is
 * never mistaken for a frozen program.
 */
import type { ConnectionStatus } from '../bridge/connection.js';

/** Shows nothing while connected. */
export function ConnectionBanner(props: { status: ConnectionStatus }) {
  if (props.status === 'reconnecting') {
    return (
      <div className="banner banner-warn" role="alert">
        <span className="spinner" aria-hidden="true" />
        Disconnected — reconnecting…
      </div>
    );
  }
  if (props.status === 'unauthorized') {
    return (
      <div className="banner banner-error" role="alert">
        No access token. Open the link that <code>npm run serve</code> printed (it ends in{' '}
        <code>?token=…</code>).
      </div>
    );
  }
  return null;
}
