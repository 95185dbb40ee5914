import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { ScreenModel } from '../../../../main/core/sessions/screen-model.js';
import { clampSnapshot, MAX_IMAGE_ROWS, renderScreenPng } from '../../../../main/core/screen-image/render.js';
import { snapshotFromText } from '../../../../main/core/screen-image/snapshot.js';
import { paletteColor, DESK_THEME, screenSvg } from '../../../../main/core/screen-image/svg.js';
import { FALLBACK_METRICS } from '../../../../main/core/screen-image/font.js';

describe('screen snapshot and picture', () => {
  it('reads colours, bold and the cursor from the headless screen, and hides a hidden cursor', async () => {
    const model = new ScreenModel({ cols: 40, rows: 5 });
    model.write('\x1b[1;31mred\x1b[0m \x1b[48;2;0;128;255mblue\x1b[0m\r\n$ ');
    await model.flush();
    const snap = model.snapshot({ maxRows: 200, maxCols: 300 });
    const [red, blue] = snap.lines[0]!;
    expect(red).toMatchObject({ text: 'red', bold: true, fg: { kind: 'palette', index: 1 } });
    expect(blue).toMatchObject({ text: 'blue', bg: { kind: 'rgb', rgb: 0x0080ff } });
    expect(snap.cursor).toEqual({ row: 1, col: 2 });
    model.write('\x1b[?25l');
    await model.flush();
    expect(model.snapshot({ maxRows: 200, maxCols: 300 }).cursor).toBeNull();
    model.dispose();
  });

  it('escapes text for SVG and maps the 256-colour palette', () => {
    const svg = screenSvg(snapshotFromText('<script>&', { maxRows: 5, maxCols: 20 }), {
      fontFamily: 'DejaVu Sans Mono',
      fontSize: 13,
      metrics: FALLBACK_METRICS,
      lineHeight: 1.1,
      padding: 8,
    });
    expect(svg).toContain('&lt;script&gt;&amp;');
    expect(svg).not.toContain('<script>');
    expect(paletteColor(1, DESK_THEME)).toBe(DESK_THEME.ansi[1]);
    expect(paletteColor(196, DESK_THEME)).toBe('#ff0000');
    expect(paletteColor(232, DESK_THEME)).toBe('#080808');
  });

  it('caps what it draws and renders a PNG that is not blank', async () => {
    const tall = snapshotFromText(Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n'), {
      maxRows: 5000,
      maxCols: 100,
    });
    expect(clampSnapshot(tall).rows).toBe(MAX_IMAGE_ROWS);
    const image = await renderScreenPng(snapshotFromText('hello\nworld', { maxRows: 10, maxCols: 20 }));
    const png = PNG.sync.read(image.png);
    expect([png.width, png.height]).toEqual([image.width, image.height]);
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4) colours.add(png.data.readUInt32BE(i));
    expect(colours.size).toBeGreaterThan(2);
  });
});
