/**
 * Small helpers the recognisers share for reading a {@link ScreenText}: trimmed rows, horizontal
 * rules, the text before the cursor, and the signature hash.
 */
import { createHash } from 'node:crypto';
import type { ScreenText } from './types.js';

/** Row `i` with trailing whitespace (spaces, NBSP) removed; '' outside the screen. */
export function row(screen: ScreenText, i: number): string {
  return (screen.lines[i] ?? '').trimEnd();
}

/** Index of the last non-blank row, or -1 for a blank screen. */
export function lastContentRow(screen: ScreenText): number {
  for (let i = screen.lines.length - 1; i >= 0; i--) if (row(screen, i).trim() !== '') return i;
  return -1;
}

/** Shortest run of box-drawing dashes that counts as a horizontal rule, in chars. */
const MIN_RULE_CHARS = 10;

/** True when the row is a horizontal rule (only `─`, `━` or `═`, at least 10 of them). */
export function isRule(line: string): boolean {
  const t = line.trim();
  return t.length >= MIN_RULE_CHARS && /^[─━═]+$/.test(t);
}

/** The cursor row's text up to the cursor column (trailing whitespace kept as typed). */
export function textBeforeCursor(screen: ScreenText): string {
  const line = screen.lines[screen.cursorRow] ?? '';
  return line.slice(0, screen.cursorCol);
}

/** Removes the common leading indentation of non-blank lines, trims each line's end. */
export function dedent(lines: string[]): string[] {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut).trimEnd());
}

/** {@link dedent} applied to each blank-line-separated paragraph on its own. */
export function dedentParagraphs(lines: string[]): string[] {
  const out: string[] = [];
  let para: string[] = [];
  for (const l of [...lines, '']) {
    if (l.trim() === '') {
      out.push(...dedent(para));
      para = [];
      out.push('');
    } else {
      para.push(l);
    }
  }
  out.pop();
  return out;
}

/** Drops blank lines at both ends of a list of lines. */
export function trimBlankEnds(lines: string[]): string[] {
  let a = 0;
  let b = lines.length;
  while (a < b && (lines[a] ?? '').trim() === '') a++;
  while (b > a && (lines[b - 1] ?? '').trim() === '') b--;
  return lines.slice(a, b);
}

/**
 * A prompt signature: the first 16 chars (base64url) of SHA-256 over the parts, separated by
 * NUL. Callers pass what identifies a prompt (recogniser name, title, body, option labels), never
 * cursor positions or spinner glyphs, so a redraw of the same prompt gives the same signature.
 */
export function signatureOf(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 16);
}
