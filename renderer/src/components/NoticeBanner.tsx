/**
 * Tells the user, once, what the app had to repair in its stored data at start (a corrupt
 * settings file moved aside, unreadable saved sessions left out, a paired phone that must be
 * paired again): `HostInfo.notices`. Dismissing hides it for the rest of this page's life.
 */
import { useState } from 'react';

/** Shows nothing when there are no notices or after "Dismiss". */
export function NoticeBanner(props: { notices: readonly string[] | undefined }) {
  const [dismissed, setDismissed] = useState(false);
  if (dismissed || !props.notices || props.notices.length === 0) return null;
  return (
    <div className="banner banner-warn notice-banner" role="status">
      <div>
        {props.notices.map((n) => (
          <p key={n}>{n}</p>
        ))}
      </div>
      <button type="button" className="btn btn-small" onClick={() => setDismissed(true)}>
        Dismiss
      </button>
    </div>
  );
}
