/**
 * Recognisers for the OpenAI Codex CLI (written from the screens of 0.169.0 in
 * test/fixtures/screens/codex/, captured with the real CLI against a fake Responses API).
 *
 * Every approval Codex asks for (run a command, apply file edits, grant permissions, network
 * access, an MCP tool call) is one overlay of the same shape:
 * ```
 *   Would you like to run the following command?
 *
 *   Environment: local
 *
 *   Reason: Do you want to write hello to out.txt?      (only with a justification)
 *
 *   $ echo hello > out.txt
 *
 * › 1. Yes, proceed (y)
 *   2. Yes, and don't ask again for commands that start with `echo hello > out.txt` (p)
 *   3. No, and tell Codex what to do differently (esc)
 *
 *   Press enter to confirm or esc to cancel
 * ```
 * For file edits the question is "Would you like to make the following edits?" with
 * `Destination: <path>` and the diff drawn above it (`• Added hello.txt (+1 -0)` / `1 +hello`).
 * The shortcut in brackets at the end of a label is the option's own key (`y`, `p`, `a`, `esc`);
 * it picks the option without Enter. An option without one is picked with the arrows and Enter.
 *
 * The idle composer (the cursor sits at column 2 of its row, before a dimmed hint text):
 * ```
 * • Done.
 *   Worked for 6s • 06:17
 *
 * › Ask Codex to do anything
 *   gpt-5 default · /path/to/project
 *   ← for agents · ? for shortcuts
 * ```
 * While working, `• Working (3s • esc to interrupt)` stands above the composer.
 */
import type { DetectedPrompt, Recogniser, RecogniserContext, ScreenText } from '../types.js';
import type { PromptOption } from '../../../../contract/bridge.js';
import { dedent, lastContentRow, row, signatureOf, trimBlankEnds } from '../screen-text.js';

/** Footer of every approval overlay. */
const APPROVAL_FOOTER = /^\s*Press enter to confirm or esc to cancel\b/;
/** An option row: ` › 1. Yes, proceed (y)` or `   2. No …`. */
const OPTION_ROW = /^\s*(›)?\s*(\d{1,2})\.\s+(.*)$/u;
/** The key hint closing a label, e.g. `(y)` or `(esc)`. */
const KEY_HINT = /\s*\((esc|[a-z0-9])\)$/i;
/** The question line of an overlay. */
const QUESTION = /(\?\s*$)|(needs your approval\.?\s*$)/;
/** Busy status line: `• Working (3s • esc to interrupt)` (the bullet alternates • / ◦). */
const BUSY_ROW = /^[•◦]\s+\S.*\besc to interrupt\)/u;
/**
 * Heading of the texts typed while a turn runs (`Queued follow-up inputs`, then `↳ <text>` rows and
 * `shift+← edit last queued message`; strings of the Codex 0.169.0 binary). Codex shows it only
 * while working, between the busy row and the composer, so it pushes the busy row further up.
 */
const QUEUED_HEADING = /^\s*(?:[•◦]\s+)?Queued follow-up inputs\b/u;
/** Rows above the composer searched for the busy row or the queued-inputs heading. */
const BUSY_SEARCH_ROWS = 12;
/** The closing line of a turn that used tools: `  Worked for 6s • 06:17`. */
const WORKED_ROW = /^\s+Worked for \d/;
/** Footer hint shown under the composer. */
const FOOTER_HINT = /\? for shortcuts|esc to interrupt|ctrl \+ c to quit/i;
/** Placeholders Codex 0.169.0 shows in an empty composer (strings of the binary). */
const PLACEHOLDERS = new Set(['Ask Codex to do anything', 'Ask a follow-up question']);
/** Most rows an overlay may span above its first option. */
const MAX_OVERLAY_ROWS = 30;
/** Most diff rows carried in the body of an edit approval. */
const MAX_DIFF_ROWS = 12;

const DOWN = '\x1b[B';
const UP = '\x1b[A';

/** Keys of a Codex option: its own shortcut, else arrows from the highlighted row plus Enter. */
function optionKeys(label: string, index: number, marked: number): string {
  const hint = KEY_HINT.exec(label)?.[1]?.toLowerCase();
  if (hint === 'esc') return '\x1b';
  if (hint) return hint;
  return (index > marked ? DOWN.repeat(index - marked) : UP.repeat(marked - index)) + '\r';
}

/** The Codex approval overlay → kind `permission`. */
export const codexApproval: Recogniser = {
  name: 'codex-approval',
  detect(screen: ScreenText): DetectedPrompt | null {
    const last = lastContentRow(screen);
    let footer = -1;
    for (let i = last; i >= Math.max(0, last - 3); i--) {
      if (APPROVAL_FOOTER.test(row(screen, i))) {
        footer = i;
        break;
      }
    }
    if (footer < 0) return null;
    let first = -1;
    for (let i = footer - 1; i >= Math.max(0, footer - MAX_OVERLAY_ROWS); i--) {
      const m = OPTION_ROW.exec(row(screen, i));
      if (m && m[2] === '1') {
        first = i;
        break;
      }
    }
    if (first < 0) return null;
    const raw: { label: string; marked: boolean }[] = [];
    for (let i = first; i < footer; i++) {
      const line = row(screen, i);
      if (line.trim() === '') continue;
      const m = OPTION_ROW.exec(line);
      if (m && Number(m[2]) === raw.length + 1)
        raw.push({ label: (m[3] ?? '').trim(), marked: Boolean(m[1]) });
      else if (raw.length > 0) raw[raw.length - 1]!.label += ` ${line.trim()}`;
    }
    const marked = raw.findIndex((o) => o.marked);
    if (raw.length < 2 || marked < 0) return null;
    const options: PromptOption[] = raw.map((o, k) => ({
      label: o.label.replace(KEY_HINT, ''),
      keys: optionKeys(o.label, k, marked),
    }));
    let q = -1;
    for (let i = first - 1; i >= Math.max(0, first - MAX_OVERLAY_ROWS); i--) {
      if (QUESTION.test(row(screen, i)) && !/^\s*Reason:/.test(row(screen, i))) {
        q = i;
        break;
      }
    }
    if (q < 0) return null;
    const question = row(screen, q).trim();
    const details = trimBlankEnds(
      dedent(Array.from({ length: first - q - 1 }, (_, k) => row(screen, q + 1 + k))),
    );
    const compact = details.filter((l, k, arr) => l !== '' || arr[k - 1] !== '');
    const command =
      compact
        .find((l) => l.startsWith('$ '))
        ?.slice(2)
        .trim() ?? null;
    const destination = /^Destination:\s*(.+)$/.exec(
      compact.find((l) => l.startsWith('Destination:')) ?? '',
    )?.[1];
    const diff = command === null ? diffAbove(screen, q) : [];
    let title = question;
    if (command !== null) title = `Run: ${command}`;
    else if (destination) title = `Edit: ${destination.trim()}`;
    const body = [
      question,
      ...(compact.length ? ['', ...compact] : []),
      ...(diff.length ? ['', ...diff] : []),
    ]
      .join('\n')
      .trim();
    return {
      kind: 'permission',
      title,
      body,
      options,
      rows: { first: q, last: footer },
      signature: signatureOf('codex-approval', title, body, ...options.map((o) => o.label)),
    };
  },
};

/** The diff Codex draws above an edit approval: from the last `• ` transcript item to the question. */
function diffAbove(screen: ScreenText, question: number): string[] {
  for (let i = question - 1; i >= Math.max(0, question - MAX_OVERLAY_ROWS); i--) {
    const line = row(screen, i);
    if (/^[•◦]\s/u.test(line)) {
      const lines = Array.from({ length: question - i }, (_, k) => row(screen, i + k)).filter(
        (l) => !/Show details\s*$/.test(l),
      );
      return trimBlankEnds(dedent(lines)).slice(0, MAX_DIFF_ROWS);
    }
    if (/^›\s/u.test(line)) break;
  }
  return [];
}

/** Where Codex's composer is, and whether it is empty. */
interface Composer {
  row: number;
  empty: boolean;
}

/** Finds the composer (`› …` row above the footer hints) at the bottom of the screen. */
function findComposer(screen: ScreenText): Composer | null {
  const last = lastContentRow(screen);
  if (last < 0 || !FOOTER_HINT.test(row(screen, last))) return null;
  for (let i = last - 1; i >= Math.max(0, last - 4); i--) {
    const line = row(screen, i);
    if (!/^›(\s|$)/u.test(line)) continue;
    const text = line.slice(1).trim();
    const cursorAtStart = screen.cursorRow === i && screen.cursorCol <= 2;
    return { row: i, empty: text === '' || PLACEHOLDERS.has(text) || cursorAtStart };
  }
  return null;
}

/** True when Codex's own UI (composer with its footer, or an approval overlay) is at the bottom. */
export function codexUiShowing(screen: ScreenText): boolean {
  if (findComposer(screen)) return true;
  const last = lastContentRow(screen);
  for (let i = last; i >= Math.max(0, last - 3); i--) if (APPROVAL_FOOTER.test(row(screen, i))) return true;
  return false;
}

/** The last assistant message of a region: a `• <text>` item that is not a tool/status row. */
function lastMessage(region: string[]): string | null {
  const TOOL =
    /^[•◦]\s+(Ran|Running|Exited|Added|Edited|Deleted|Explored|Exploring|Working|Called|Calling|Searched|Updated Plan)\b/u;
  for (let i = region.length - 1; i >= 0; i--) {
    const line = region[i] ?? '';
    if (!/^•\s/u.test(line) || TOOL.test(line)) continue;
    const out = [line.slice(2)];
    for (let j = i + 1; j < region.length; j++) {
      const next = region[j] ?? '';
      if (WORKED_ROW.test(next) || /^\s+└/u.test(next) || (next.trim() !== '' && !next.startsWith('  ')))
        break;
      out.push(next.trim());
    }
    return trimBlankEnds(out).join('\n');
  }
  return null;
}

/**
 * Codex's idle composer → `finished` when a turn ended on screen since the last user message
 * (an assistant message, `Worked for …`, or `■ Conversation interrupted`), else `input` once the
 * output has been quiet for `ctx.idleThresholdMs`. Nothing while working, while the composer holds
 * typed text, or when `ctx.allowIdle` is false.
 */
export const codexIdle: Recogniser = {
  name: 'codex-idle',
  detect(screen: ScreenText, ctx: RecogniserContext): DetectedPrompt | null {
    if (ctx.allowIdle === false) return null;
    const composer = findComposer(screen);
    if (!composer || !composer.empty) return null;
    // Working: the busy row, or texts queued for after the turn (they sit between the two).
    for (let i = composer.row - 1; i >= Math.max(0, composer.row - BUSY_SEARCH_ROWS); i--) {
      const text = row(screen, i);
      if (BUSY_ROW.test(text) || QUEUED_HEADING.test(text)) return null;
      if (/^›\s\S/u.test(text)) break;
    }
    let start = 0;
    for (let i = composer.row - 1; i >= 0; i--) {
      if (/^›\s\S/u.test(row(screen, i))) {
        start = i + 1;
        break;
      }
    }
    const region = Array.from({ length: composer.row - start }, (_, k) => row(screen, start + k));
    const key = region.map((l) => l.trim()).join('\n');
    const message = lastMessage(region);
    // `■ Conversation interrupted …` ends a turn the user cancelled; it wins over earlier messages.
    const interrupted = region.find((l) => /^■\s/u.test(l));
    if (message !== null || interrupted || region.some((l) => WORKED_ROW.test(l))) {
      return {
        kind: 'finished',
        title: 'Codex finished its turn',
        body: interrupted ? interrupted.slice(2).trim() : (message ?? ''),
        options: [],
        rows: { first: start, last: composer.row },
        // The reply identifies the turn: the rows around it (the user's message included) move or
        // scroll away as the program redraws, and a busy screen always comes between two turns.
        signature: signatureOf('codex-finished', message ?? '', interrupted ?? ''),
      };
    }
    if (ctx.quietMs < ctx.idleThresholdMs) return null;
    return {
      kind: 'input',
      title: 'Codex is waiting for your input',
      body: '',
      options: [],
      rows: { first: composer.row, last: composer.row },
      signature: signatureOf('codex-input', key),
    };
  },
};

/** Codex's recognisers, in the order detection runs them. */
export const codexRecognisers: Recogniser[] = [codexApproval, codexIdle];
