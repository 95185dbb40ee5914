/**
 * Recognisers for any program: yes/no questions, numbered menus, and "waiting for input".
 * Written from real screens captured on this machine (test/fixtures/screens/shell/):
 *
 * bash `read -p "Continue? [y/N] " ans`:
 * ```
 * Continue? [y/N] █
 * ```
 * bash `select fruit in apple banana cherry` (type the number, then Enter):
 * ```
 * 1) apple
 * 2) banana
 * 3) cherry
 * #? █
 * ```
 * Arrow-key menus in the style of Claude Code and inquirer (a marker on the highlighted row):
 * ```
 * ❯ 1. Yes
 *   2. No
 * ```
 * bash prompt `dev@box:~/project$ █` and python `input("Your name: ")` → `Your name: █`.
 */
import type { DetectedPrompt, Recogniser, RecogniserContext, ScreenText } from '../types.js';
import type { PromptOption } from '../../../../contract/bridge.js';
import {
  dedent,
  isRule,
  lastContentRow,
  row,
  signatureOf,
  textBeforeCursor,
  trimBlankEnds,
} from '../screen-text.js';

/** Yes/no markers at the end of a question, e.g. `[y/N]`, `(y/n)`, `[Y/n]`, `(yes/no)`. */
const YES_NO = /(?:\[|\()(y(?:es)?)\/(n(?:o)?)(?:\]|\))\s*[:?]?\s*$/i;

/**
 * A yes/no question at the cursor → kind `question`, options Yes = `y\r` and No = `n\r`
 * (`yes\r` / `no\r` for a `(yes/no)` question).
 */
export const yesNoQuestion: Recogniser = {
  name: 'yes-no',
  detect(screen: ScreenText): DetectedPrompt | null {
    const line = row(screen, screen.cursorRow);
    // The cursor must sit after the question (the program reads the answer there).
    if (line.trim() === '' || screen.cursorCol < line.trimEnd().length) return null;
    const m = YES_NO.exec(line);
    if (!m) return null;
    const long = (m[1] ?? '').length > 1;
    const options: PromptOption[] = [
      { label: 'Yes', keys: long ? 'yes\r' : 'y\r' },
      { label: 'No', keys: long ? 'no\r' : 'n\r' },
    ];
    const title = line.trim();
    // A few rows of context above the question (what it is about).
    const above: string[] = [];
    for (let i = screen.cursorRow - 1; i >= Math.max(0, screen.cursorRow - 4); i--) {
      const l = row(screen, i);
      if (l.trim() === '') break;
      above.unshift(l);
    }
    const body = dedent(above).join('\n');
    return {
      kind: 'question',
      title,
      body,
      options,
      rows: { first: screen.cursorRow - above.length, last: screen.cursorRow },
      signature: signatureOf('yes-no', title, body),
    };
  },
};

/** A numbered option row: optional marker, number, `.` or `)`, label. */
const MENU_ROW = /^\s*(?:([❯>›▶→➜*])\s*)?(\d{1,2})[.)]\s+(\S.*)$/u;
/** A short input prompt under a menu, like bash select's `#?` or "Enter choice:". */
const MENU_PROMPT = /^(?:#\?|.{0,60}[?:>])\s*$/u;
/** Down-arrow key (CSI B), used to move a marker menu's highlight. */
const DOWN = '\x1b[B';
/** Up-arrow key (CSI A). */
const UP = '\x1b[A';

/**
 * A numbered menu near the cursor → kind `question`. Two styles:
 * - a typed choice (bash `select`): the options, then a prompt row at the cursor; keys = the
 *   number and Enter (`"2\r"`);
 * - an arrow menu with one highlighted row (`❯ 1. Foo`): keys = arrows from the highlighted row to
 *   the wanted one, then Enter (`"\x1b[B\r"`), which works whether or not digits are accepted.
 */
export const numberedMenu: Recogniser = {
  name: 'numbered-menu',
  detect(screen: ScreenText): DetectedPrompt | null {
    const cursor = screen.cursorRow;
    const last = Math.max(lastContentRow(screen), cursor);
    // The menu's last option is at most a few rows above the cursor (or the last content row).
    for (let end = last; end >= Math.max(0, last - 4); end--) {
      const m = MENU_ROW.exec(row(screen, end));
      if (!m) continue;
      const rowsUp: { marker: boolean; n: number; label: string; at: number }[] = [];
      for (let i = end; i >= 0; i--) {
        const r = MENU_ROW.exec(row(screen, i));
        if (!r) break;
        rowsUp.unshift({ marker: Boolean(r[1]), n: Number(r[2]), label: (r[3] ?? '').trim(), at: i });
        if (r[2] === '1') break;
      }
      if (rowsUp.length < 2 || rowsUp[0]?.n !== 1) return null;
      if (rowsUp.some((o, k) => o.n !== k + 1)) return null;
      const markers = rowsUp.filter((o) => o.marker);
      const first = rowsUp[0]?.at ?? end;
      let options: PromptOption[];
      let lastRow = end;
      if (markers.length === 1) {
        const at = rowsUp.indexOf(markers[0]!);
        if (cursor < first - 1 || cursor > end + 3) return null;
        options = rowsUp.map((o, k) => ({
          label: o.label,
          keys: (k > at ? DOWN.repeat(k - at) : UP.repeat(at - k)) + '\r',
        }));
      } else if (markers.length === 0) {
        // Typed choice: a short prompt row right below the menu holds the cursor.
        if (cursor <= end || cursor > end + 2) return null;
        const prompt = row(screen, cursor).trim();
        if (!MENU_PROMPT.test(prompt) && prompt !== '') return null;
        options = rowsUp.map((o) => ({ label: o.label, keys: `${o.n}\r` }));
        lastRow = cursor;
      } else {
        return null;
      }
      // The question: the nearest non-blank row above the menu, unless it is a rule.
      let q = first - 1;
      while (q >= 0 && row(screen, q).trim() === '') q--;
      const above = q >= 0 && !isRule(row(screen, q)) && q >= first - 2 ? row(screen, q).trim() : '';
      const promptRow = lastRow > end ? row(screen, lastRow).trim() : '';
      const title = above || (promptRow && promptRow !== '#?' ? promptRow : 'Choose an option');
      const body = rowsUp.map((o) => `${o.n}. ${o.label}`).join('\n');
      return {
        kind: 'question',
        title,
        body,
        options,
        rows: { first: above ? q : first, last: lastRow },
        signature: signatureOf('numbered-menu', title, ...options.map((o) => o.label)),
      };
    }
    return null;
  },
};

/** Shell-like prompt endings at the cursor: `$ `, `# `, `% `, `> `, `❯ `, and `: ` / `? ` of a line prompt. */
const PROMPT_END = /(?:[$#%>❯›:?])[\s\u00a0]?$/u;
/** Longest row before the cursor still read as a prompt, in chars (longer is ordinary output). */
const MAX_PROMPT_CHARS = 200;
/** Rows of context sent with a "waiting for input" prompt. */
const INPUT_CONTEXT_ROWS = 8;

/** True when the cursor sits in an input box: a `│ > ` row, or a row between two rules. */
function cursorInBox(screen: ScreenText): boolean {
  const before = textBeforeCursor(screen).trim();
  if (/^[│┃|]\s*[>❯›]/u.test(before)) return true;
  const above = row(screen, screen.cursorRow - 1);
  const below = row(screen, screen.cursorRow + 1);
  return isRule(above) && isRule(below);
}

/**
 * Waiting for input: output quiet for at least `ctx.idleThresholdMs`, and a prompt at the
 * cursor (`$ `, `# `, `% `, `> `, `❯ `, or a line prompt ending in `: ` / `? `) or an input box
 * → kind `input` with the last rows as body. Nothing when `ctx.allowIdle` is false. No options: a reply types text.
 */
export const waitingForInput: Recogniser = {
  name: 'waiting-for-input',
  detect(screen: ScreenText, ctx: RecogniserContext): DetectedPrompt | null {
    if (ctx.allowIdle === false || ctx.quietMs < ctx.idleThresholdMs) return null;
    const before = textBeforeCursor(screen);
    const after = (screen.lines[screen.cursorRow] ?? '').slice(screen.cursorCol).trim();
    const atPrompt =
      before.trim() !== '' && before.length <= MAX_PROMPT_CHARS && after === '' && PROMPT_END.test(before);
    if (!atPrompt && !cursorInBox(screen)) return null;
    const context = trimBlankEnds(
      Array.from({ length: Math.min(INPUT_CONTEXT_ROWS, screen.cursorRow + 1) }, (_, k) =>
        row(screen, screen.cursorRow - k),
      ).reverse(),
    );
    const promptLine = before.trim();
    return {
      kind: 'input',
      title: 'Waiting for input',
      body: context.join('\n'),
      options: [],
      rows: { first: screen.cursorRow - context.length + 1, last: screen.cursorRow },
      signature: signatureOf('waiting-for-input', promptLine, context.join('\n')),
    };
  },
};

/** The generic recognisers, in the order detection runs them. */
export const genericRecognisers: Recogniser[] = [yesNoQuestion, numberedMenu, waitingForInput];
