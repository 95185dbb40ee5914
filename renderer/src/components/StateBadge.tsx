/**
 * The state icon of a tab, one shape per {@link BadgeKind} so colour is never the only cue:
 * needs you "!" in a filled amber circle, finished a check mark, idle a hollow ring, running a
 * green dot, starting a pulsing grey dot, exited a hollow square, failed an "×". The icon is
 * decorative; the words (from {@link badgeFor}) go into the tab's description and tooltip.
 */
import type { SessionInfo } from '../../../contract/bridge.js';
import { badgeFor, type BadgeKind } from '../lib/tab-badge.js';

export { exitFailed, exitText } from '../lib/tab-badge.js';

/** Plain-words state of a session, for descriptions and tooltips. */
export function stateText(session: SessionInfo): string {
  return badgeFor(session).text;
}

function Glyph(props: { kind: BadgeKind }) {
  switch (props.kind) {
    case 'needs-you':
      return (
        <>
          <circle cx="6" cy="6" r="5.5" fill="currentColor" />
          <path d="M6 3v3.6M6 8.6v.2" stroke="var(--badge-ink)" strokeWidth="1.6" strokeLinecap="round" />
        </>
      );
    case 'finished':
      return <path d="M2 6.4l2.6 2.6L10 3.4" stroke="currentColor" strokeWidth="1.8" fill="none" />;
    case 'idle':
      return <circle cx="6" cy="6" r="3.6" stroke="currentColor" strokeWidth="1.5" fill="none" />;
    case 'running':
    case 'starting':
      return <circle cx="6" cy="6" r="3.5" fill="currentColor" />;
    case 'exited':
      return (
        <rect
          x="2.5"
          y="2.5"
          width="7"
          height="7"
          rx="1"
          stroke="currentColor"
          strokeWidth="1.5"
          fill="none"
        />
      );
    case 'failed':
      return <path d="M3 3l6 6M9 3l-6 6" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />;
  }
}

/** The icon; `data-badge` carries the kind for styling and tests. */
export function StateBadge(props: { session: SessionInfo }) {
  const badge = badgeFor(props.session);
  return (
    <svg
      className={`state-badge badge-${badge.kind}`}
      data-badge={badge.kind}
      width="12"
      height="12"
      viewBox="0 0 12 12"
      aria-hidden="true"
      focusable="false"
    >
      <Glyph kind={badge.kind} />
    </svg>
  );
}
