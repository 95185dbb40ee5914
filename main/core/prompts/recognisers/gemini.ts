/**
 * Recognisers for Google's Gemini CLI (written from the screens of 0.61.0 in
 * test/fixtures/screens/gemini/, captured with the real CLI against a fake Gemini API).
 *
 * Every tool confirmation is a box: the tool and what it does, the command or diff in an inner
 * box, a question, and a numbered list with `●` on the highlighted option:
 * ```
 * ╭──────────────────────────────────────────╮
 * │ ? Shell  echo hello > out.txt            │
 * │ ╭──────────────────────────────────────╮ │
 * │ │ echo hello > out.txt                 │ │
 * │ ╰──────────────────────────────────────╯ │
 * │ Allow execution of [Shell]?              │
 * │                                          │
 * │ ● 1. Allow once                          │
 * │   2. Allow for this session              │
 * │   3. No, suggest changes (esc)           │
 * ╰──────────────────────────────────────────╯
 * ```
 * File writes ask "Apply this change?" (with "Modify with external editor" as an extra option),
 * web fetches "Do you want to proceed?", MCP tools `Allow execution of MCP tool "<t>" from server
 * "<s>"?` (packages/cli/src/ui/components/messages/ToolConfirmationMessage.tsx). A digit picks
 * its option at once when the list has fewer than ten (useSelectionList.ts); `Esc` declines.
 *
 * The idle input box (a `▄` row, the `>` row with its dimmed hint text, a `▀` row):
 * ```
 * ✦ Done.
 *                                                            ? for shortcuts
 * ▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄▄
 *  >   Type your message or @path/to/file
 * ▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀
 * ```
 * While working, ` ⠦ Thinking... (esc to cancel, 3s)` stands above the box.
 */
import type { DetectedPrompt, Recogniser, RecogniserContext, ScreenText } from '../types.js';
import type { PromptOption } from '../../../../contract/bridge.js';
import { dedent, lastContentRow, row, signatureOf, trimBlankEnds } from '../screen-text.js';

/** The title row inside a confirmation box: `? Shell  echo hello > out.txt` (`?  WebFetch …`). */
const TITLE_ROW = /^\?\s+(\S+)\s*(.*?)\s*$/u;
/** An option inside the box (borders stripped): `● 1. Allow once` or `  2. …`. */
const OPTION_ROW = /^(●)?\s*(\d{1,2})\.\s+(.*)$/u;
/** A row of half blocks that draws the input box's top (`▄`) or bottom (`▀`). */
const HALF_BLOCKS = (ch: '▄' | '▀'): RegExp => new RegExp(`^${ch}{10,}$`, 'u');
/** The dimmed hint text of an empty input box. */
const PLACEHOLDER = /^Type your message or @path\/to\/file$/;
/** Busy status: `⠦ Thinking... (esc to cancel, 0s)`. */
const BUSY = /\(esc to cancel\b/;
/** Most rows a confirmation box may span. */
const MAX_BOX_ROWS = 60;
/** Most rows of the inner box (command or diff) carried in the body. */
const MAX_CONTENT_ROWS = 14;

/** The text of a box row without its `│` borders (one level). */
function unbox(line: string): string {
  return line.replace(/^│ ?/u, '').replace(/ ?│$/u, '').trimEnd();
}

/** A Gemini CLI tool confirmation → kind `permission`, keys = the option's digit (Esc for "(esc)"). */
export const geminiConfirmation: Recogniser = {
  name: 'gemini-confirmation',
  detect(screen: ScreenText): DetectedPrompt | null {
    const last = lastContentRow(screen);
    let end = -1;
    for (let i = last; i >= Math.max(0, last - 3); i--) {
      if (row(screen, i).startsWith('╰')) {
        end = i;
        break;
      }
    }
    if (end < 0) return null;
    let top = -1;
    for (let i = end - 1; i >= Math.max(0, end - MAX_BOX_ROWS); i--) {
      const line = row(screen, i);
      if (line.startsWith('╭')) {
        top = i;
        break;
      }
      if (!line.startsWith('│')) return null;
    }
    if (top < 0) return null;
    const inner = Array.from({ length: end - top - 1 }, (_, k) => unbox(row(screen, top + 1 + k)));
    const titleAt = inner.findIndex((l) => TITLE_ROW.test(l));
    if (titleAt < 0) return null;
    const m = TITLE_ROW.exec(inner[titleAt] ?? '')!;
    const tool = m[1] ?? '';
    const what = (m[2] ?? '').trim();
    const content: string[] = [];
    const rest: string[] = [];
    let depth = 0;
    for (const line of inner.slice(titleAt + 1)) {
      const t = line.trimStart();
      if (t.startsWith('╭')) depth++;
      else if (t.startsWith('╰')) depth = Math.max(0, depth - 1);
      else if (depth > 0) content.push(unbox(t));
      else rest.push(line);
    }
    const firstOption = rest.findIndex((l) => OPTION_ROW.exec(l.trim())?.[2] === '1');
    if (firstOption < 0) return null;
    const raw: { label: string; marked: boolean }[] = [];
    for (const line of rest.slice(firstOption)) {
      const o = OPTION_ROW.exec(line.trim());
      if (o && Number(o[2]) === raw.length + 1)
        raw.push({ label: (o[3] ?? '').trim(), marked: Boolean(o[1]) });
      else if (line.trim() !== '' && raw.length > 0) raw[raw.length - 1]!.label += ` ${line.trim()}`;
    }
    if (raw.length < 2 || raw.filter((o) => o.marked).length !== 1) return null;
    const options: PromptOption[] = raw.map((o, k) => ({
      label: o.label.replace(/\s*\(esc\)$/i, ''),
      keys: /\(esc\)$/i.test(o.label) ? '\x1b' : raw.length < 10 ? String(k + 1) : `${k + 1}\r`,
    }));
    const notes = trimBlankEnds(dedent(rest.slice(0, firstOption))).filter(
      (l, k, arr) => l !== '' || arr[k - 1] !== '',
    );
    const shown = trimBlankEnds(dedent(content)).slice(0, MAX_CONTENT_ROWS);
    const title = what ? `${tool}: ${what}` : tool;
    const body = [...shown, ...(shown.length && notes.length ? [''] : []), ...notes].join('\n');
    return {
      kind: 'permission',
      title,
      body,
      options,
      rows: { first: top, last: end },
      signature: signatureOf('gemini-confirmation', title, body, ...options.map((o) => o.label)),
    };
  },
};

/** Where the Gemini input box is and what it holds. */
interface InputBox {
  top: number;
  bottom: number;
  empty: boolean;
}

/** Finds the input box (the lowest `▄` / `>` / `▀` group) near the bottom of the screen. */
function findInputBox(screen: ScreenText): InputBox | null {
  const last = lastContentRow(screen);
  for (let bottom = last; bottom >= Math.max(0, last - 6); bottom--) {
    if (!HALF_BLOCKS('▀').test(row(screen, bottom))) continue;
    for (let top = bottom - 2; top >= Math.max(0, bottom - 12); top--) {
      if (!HALF_BLOCKS('▄').test(row(screen, top))) continue;
      const first = row(screen, top + 1);
      if (!/^ > /u.test(first)) return null;
      const text = [
        first.slice(3),
        ...Array.from({ length: bottom - top - 2 }, (_, k) => row(screen, top + 2 + k)),
      ]
        .join('\n')
        .trim();
      return { top, bottom, empty: text === '' || PLACEHOLDER.test(text) };
    }
    return null;
  }
  return null;
}

/** True when the Gemini CLI's own UI (input box or a confirmation box) is at the bottom. */
export function geminiUiShowing(screen: ScreenText): boolean {
  return findInputBox(screen) !== null || geminiConfirmation.detect(screen, IDLE_CTX) !== null;
}

const IDLE_CTX: RecogniserContext = { agent: 'gemini', quietMs: 0, idleThresholdMs: 1 };

/** The last model message `✦ <text>` of a region, with its continuation rows. */
function lastMessage(region: string[]): string | null {
  for (let i = region.length - 1; i >= 0; i--) {
    const line = region[i] ?? '';
    if (!line.startsWith('✦ ')) continue;
    const out = [line.slice(2)];
    for (let j = i + 1; j < region.length; j++) {
      const next = region[j] ?? '';
      if (next.trim() !== '' && !next.startsWith('  ')) break;
      out.push(next.trim());
    }
    return trimBlankEnds(out).join('\n');
  }
  return null;
}

/**
 * The Gemini CLI's idle input box → `finished` when a turn ended on screen since the last user
 * message (a `✦` model message or `ℹ Request cancelled.`), else `input` once output has been
 * quiet for `ctx.idleThresholdMs`. Nothing while working (`esc to cancel`), while the box holds
 * typed text, or when `ctx.allowIdle` is false.
 */
export const geminiIdle: Recogniser = {
  name: 'gemini-idle',
  detect(screen: ScreenText, ctx: RecogniserContext): DetectedPrompt | null {
    if (ctx.allowIdle === false) return null;
    const box = findInputBox(screen);
    if (!box || !box.empty) return null;
    for (let i = box.top - 1; i >= Math.max(0, box.top - 4); i--) if (BUSY.test(row(screen, i))) return null;
    // The turn region: below the last user message box (a `▀` row under ` > text`) down to the box.
    let start = 0;
    for (let i = box.top - 1; i >= 1; i--) {
      if (HALF_BLOCKS('▀').test(row(screen, i)) && /^ > \S/u.test(row(screen, i - 1))) {
        start = i + 1;
        break;
      }
    }
    const region = Array.from({ length: box.top - start }, (_, k) => row(screen, start + k)).filter(
      (l) => !/^(\? for shortcuts|─{10,}|Shift\+Tab to accept edits)$/u.test(l.trim()),
    );
    const key = region.map((l) => l.trim()).join('\n');
    const message = lastMessage(region);
    const cancelled = region.find((l) => /^ℹ Request cancelled/u.test(l));
    if (message !== null || cancelled) {
      return {
        kind: 'finished',
        title: 'Gemini finished its turn',
        body: message ?? cancelled?.slice(2).trim() ?? '',
        options: [],
        rows: { first: start, last: box.bottom },
        // The reply identifies the turn: the rows around it (the user's message included) move or
        // scroll away as the program redraws, and a busy screen always comes between two turns.
        signature: signatureOf('gemini-finished', message ?? '', cancelled ?? ''),
      };
    }
    if (ctx.quietMs < ctx.idleThresholdMs) return null;
    return {
      kind: 'input',
      title: 'Gemini is waiting for your input',
      body: '',
      options: [],
      rows: { first: box.top, last: box.bottom },
      signature: signatureOf('gemini-input', key),
    };
  },
};

/** Gemini CLI's recognisers, in the order detection runs them. */
export const geminiRecognisers: Recogniser[] = [geminiConfirmation, geminiIdle];
