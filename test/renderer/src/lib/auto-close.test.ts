import { describe, expect, it } from 'vitest';
import { shouldAutoClose } from '../../../../renderer/src/lib/auto-close.js';
import { sessionInfo } from '../../../support/session-info.js';

const running = sessionInfo('a');
const exited = (code: number | null, signal: string | null = null) =>
  sessionInfo('a', { state: 'exited', exit: { code, signal } });

describe('shouldAutoClose', () => {
  it('closes a clean exit with "clean", any exit with "always", nothing with "never"', () => {
    expect(shouldAutoClose(running, exited(0), 'clean')).toBe(true);
    expect(shouldAutoClose(running, exited(2), 'clean')).toBe(false);
    expect(shouldAutoClose(running, exited(null, 'SIGKILL'), 'clean')).toBe(false);
    expect(shouldAutoClose(running, exited(2), 'always')).toBe(true);
    expect(shouldAutoClose(running, exited(0), 'never')).toBe(false);
  });

  it('keeps tabs that did not just exit: restored ones, start failures, already exited', () => {
    expect(shouldAutoClose(undefined, exited(0), 'always')).toBe(false);
    expect(shouldAutoClose(exited(0), exited(0), 'always')).toBe(false);
    expect(shouldAutoClose(running, sessionInfo('a', { state: 'exited', exit: null }), 'always')).toBe(false);
    expect(
      shouldAutoClose(
        running,
        sessionInfo('a', { state: 'exited', exit: { code: 1, signal: null }, error: 'x' }),
        'always',
      ),
    ).toBe(false);
  });
});
