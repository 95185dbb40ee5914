/**
 * Shown over a terminal whose PTY is sized for another window (see terminal/size-share.ts): says
 * so in words, and offers to fit the program to this window. The unused area itself is hatched
 * by the stylesheet (`.terminal-frame.size-foreign`).
 */
import type { SizeNotice } from '../terminal/size-share.js';

/** The notice; renders nothing without one. */
export function SizeNoticeBar(props: { notice: SizeNotice | null; onFit: () => void }) {
  const { notice } = props;
  if (!notice) return null;
  const cut = notice.pty.cols > notice.fit.cols || notice.pty.rows > notice.fit.rows;
  return (
    <div className="size-notice" role="status">
      <span>
        Sized for another window ({notice.pty.cols}×{notice.pty.rows})
        {cut ? ' — part of the program is cut off here.' : ' — the hatched area is not used.'}
      </span>
      <button type="button" className="btn btn-small" onClick={props.onFit}>
        Fit to this window
      </button>
    </div>
  );
}
