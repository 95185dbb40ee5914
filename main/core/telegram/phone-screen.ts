/**
 * A terminal screen made readable on a phone for `/screen` and "waiting" messages: a phone shows
 * some 35–50 monospace columns, while agents draw full-width rules and boxes. Box-drawing
 * characters (U+2500–U+257F, https://www.unicode.org/charts/PDF/U2500.pdf) are simplified — a
 * line made only of them becomes a short rule, a frame's side bars are removed — trailing blanks
 * are dropped, runs of blank lines collapse to one, and each line is cut to
 * {@link PHONE_SCREEN_COLUMNS} on a grapheme boundary.
 */
import { clip } from './graphemes.js';

/** Widest line sent to the phone, in chars (UTF-16 units); longer lines end in "…". */
export const PHONE_SCREEN_COLUMNS = 50;
/** What a line drawn only with box characters becomes. */
export const PHONE_RULE = '──────────';

const BOX = '\u2500-\u257f';
const ONLY_BOX = new RegExp(`^[\\s${BOX}]+$`);
const FRAME_LEFT = new RegExp(`^(\\s*)[│┃║╎╏┆┇┊┋]\\s?`);
const FRAME_RIGHT = new RegExp(`\\s*[│┃║╎╏┆┇┊┋]\\s*$`);
const LONG_RUN = new RegExp(`[─━═┄┅┈┉╌╍]{11,}`, 'g');

/** One screen line for the phone (without the width cap). */
function simplifyLine(line: string): string {
  const trimmed = line.replace(/\s+$/, '');
  if (!trimmed) return '';
  if (ONLY_BOX.test(trimmed)) return PHONE_RULE;
  return trimmed.replace(FRAME_LEFT, '$1').replace(FRAME_RIGHT, '').replace(LONG_RUN, PHONE_RULE);
}

/**
 * The screen text for a phone.
 * @param screen plain screen text, lines separated by "\n".
 * @returns the simplified text, without leading or trailing blank lines.
 */
export function phoneScreen(screen: string): string {
  const out: string[] = [];
  for (const raw of screen.split('\n')) {
    const line = clip(simplifyLine(raw), PHONE_SCREEN_COLUMNS);
    const previous = out[out.length - 1];
    if (line === '' && (previous === undefined || previous === '')) continue;
    if (line === PHONE_RULE && previous === PHONE_RULE) continue;
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}
