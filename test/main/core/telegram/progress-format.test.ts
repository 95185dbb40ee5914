import { describe, expect, it } from 'vitest';
import { TELEGRAM_MESSAGE_MAX, visibleLength } from '../../../../main/core/telegram/format.js';
import {
  formatElapsed,
  formatStatus,
  STATUS_TOOL_LINES,
} from '../../../../main/core/telegram/progress-format.js';

const base = {
  sessionName: 'api <server>',
  phase: 'working' as const,
  elapsedMs: 65_000,
  tools: [],
  screenTail: null,
  result: '',
  queued: 0,
};

describe('formatStatus', () => {
  it('shows the session, elapsed time, tools (newest, with a count of older ones) and the queue', () => {
    const tools = Array.from({ length: STATUS_TOOL_LINES + 3 }, (_, i) => ({
      name: 'Bash',
      summary: `step ${i} && <echo>`,
      done: i < STATUS_TOOL_LINES + 2,
    }));
    const html = formatStatus({ ...base, tools, queued: 2 });
    expect(html).toMatch(/^⏳ <b>api &lt;server&gt;<\/b> is working · 1m 05s/);
    expect(html).toContain('<i>… 3 earlier</i>');
    expect(html).not.toContain('step 2 ');
    expect(html).toContain('✓ <code>Bash</code>: step 3 &amp;&amp; &lt;echo&gt;');
    expect(html).toContain(`▸ <code>Bash</code>: step ${STATUS_TOOL_LINES + 2}`);
    expect(html).toContain('🕒 queued (2)');
  });

  it('ends with the result, trimmed at the top to fit one message, and the reply hint', () => {
    const result = `first line\n${'x'.repeat(10_000)}\nlast line`;
    const html = formatStatus({ ...base, phase: 'done', elapsedMs: 3_700_000, result });
    expect(html).toMatch(/^💬 <b>api &lt;server&gt;<\/b> is waiting · turn took 1h 01m/);
    expect(html).toContain('last line');
    expect(html).not.toContain('first line');
    expect(html).toMatch(/Reply to this message to type into api &lt;server&gt;\.<\/i>$/);
    expect(visibleLength(html)).toBeLessThanOrEqual(TELEGRAM_MESSAGE_MAX);
  });

  it('shows the screen tail for agents without hooks while they work', () => {
    expect(formatStatus({ ...base, screenTail: 'building <x>\n' })).toContain(
      '<pre>building &lt;x&gt;</pre>',
    );
    expect(formatStatus({ ...base, phase: 'done', screenTail: 'building' })).not.toContain('<pre>');
  });

  it('formats elapsed times', () => {
    expect(formatElapsed(0)).toBe('0s');
    expect(formatElapsed(59_999)).toBe('59s');
    expect(formatElapsed(600_000)).toBe('10m 00s');
  });
});
