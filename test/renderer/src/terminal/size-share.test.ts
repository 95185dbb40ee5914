import { describe, expect, it } from 'vitest';
import { SizeShare, type Grid, type SizeNotice } from '../../../../renderer/src/terminal/size-share.js';

function view() {
  const log = { view: null as Grid | null, sent: [] as Grid[], notice: null as SizeNotice | null };
  const share = new SizeShare({
    resizeView: (g) => (log.view = g),
    sendResize: (g) => log.sent.push(g),
    notice: (n) => (log.notice = n),
  });
  return { share, log };
}

describe('SizeShare', () => {
  it('the view in use resizes the PTY to fit itself', () => {
    const { share, log } = view();
    share.attached({ cols: 80, rows: 24 }, true);
    share.fitted({ cols: 120, rows: 40 });
    expect(log.sent).toEqual([{ cols: 120, rows: 40 }]);
    expect(log.view).toEqual({ cols: 120, rows: 40 });
    expect(log.notice).toBeNull();
    // Its own echo does not take the size away.
    share.resized({ cols: 120, rows: 40 });
    expect(share.isOwner).toBe(true);
  });

  it('a view not in use shows the program at the PTY size and says so', () => {
    const { share, log } = view();
    share.attached({ cols: 120, rows: 40 }, false);
    share.fitted({ cols: 90, rows: 30 });
    expect(log.sent).toEqual([]);
    expect(log.view).toEqual({ cols: 120, rows: 40 });
    expect(log.notice).toEqual({ pty: { cols: 120, rows: 40 }, fit: { cols: 90, rows: 30 } });
  });

  it('focusing another window takes the size; the first window then shows the notice', () => {
    const a = view();
    const b = view();
    a.share.attached({ cols: 120, rows: 40 }, true);
    a.share.fitted({ cols: 120, rows: 40 });
    b.share.attached({ cols: 120, rows: 40 }, false);
    b.share.fitted({ cols: 80, rows: 20 });
    expect(b.log.notice).not.toBeNull();

    b.share.claim();
    expect(b.log.sent).toEqual([{ cols: 80, rows: 20 }]);
    expect(b.log.notice).toBeNull();
    // The host tells everyone.
    a.share.resized({ cols: 80, rows: 20 });
    b.share.resized({ cols: 80, rows: 20 });
    expect(a.share.isOwner).toBe(false);
    expect(b.share.isOwner).toBe(true);
    expect(a.log.view).toEqual({ cols: 80, rows: 20 });
    expect(a.log.notice).toEqual({ pty: { cols: 80, rows: 20 }, fit: { cols: 120, rows: 40 } });
  });

  it('late echoes of its own earlier sizes do not cost the owner the size', () => {
    const { share, log } = view();
    share.attached({ cols: 80, rows: 24 }, true);
    share.fitted({ cols: 100, rows: 30 });
    share.fitted({ cols: 110, rows: 32 });
    share.resized({ cols: 100, rows: 30 });
    expect(share.isOwner).toBe(true);
    share.resized({ cols: 110, rows: 32 });
    expect(share.isOwner).toBe(true);
    expect(log.notice).toBeNull();
    expect(log.sent).toHaveLength(2);
  });
});
