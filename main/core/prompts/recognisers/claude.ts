/**
 * Recognisers for Claude Code (written from the screens of 2.1.197, captured in
 * test/fixtures/screens/claude/).
 *
 * The permission menu, exactly as the screen model shows it:
 * ```
 * ────────────────────────────────────────────
 *  Bash command
 *
 *    echo hello > out.txt
 *    Write hello to out.txt
 *
 *  This command requires approval          (only for some commands)
 *
 *  Do you want to proceed?
 *  ❯ 1. Yes
 *    2. Yes, and always allow access to work/ from this project
 *    3. No
 *
 *  Esc to cancel · Tab to amend · ctrl+e to explain
 * ```
 * A digit picks an option without Enter (claude-code-offline.md, "Keys").
 *
 * The idle input box (the `❯` row is followed by a no-break space U+00A0):
 * ```
 * ● Done.
 *
 * ✻ Baked for 4s
 *
 * ────────────────────────────────────────────
 * ❯
 * ────────────────────────────────────────────
 *   ? for shortcuts · ← for agents                ● high · /effort
 * ```
 * While working, a spinner row such as `✢ Skedaddling…` stands above the box and the footer
 * reads `esc to interrupt · ← for agents`. With text typed, the `❯` row holds it.
 */
import type { DetectedPrompt, Recogniser, RecogniserContext, ScreenText } from '../types.js';
import type { PromptOption } from '../../../../contract/bridge.js';
import {
  dedent,
  dedentParagraphs,
  isRule,
  lastContentRow,
  row,
  signatureOf,
  trimBlankEnds,
} from '../screen-text.js';

/** Footer of the permission menu: "Esc to cancel · Tab to amend · ctrl+e to explain". */
const PERMISSION_FOOTER = /^\s*Esc to cancel\b/;
/** An option row of Claude's menu: ` ❯ 1. Yes` or `   2. No`. */
const OPTION_ROW = /^\s*(❯)?\s*(\d{1,2})\.\s+(.*)$/;
/** Footer hint shown while Claude works (2.1.197: "esc to interrupt · ← for agents"). */
const BUSY_FOOTER = /\besc to interrupt\b/i;
/** A spinner row while working: one glyph, a verb and an ellipsis, e.g. "✢ Skedaddling…". */
const SPINNER_ROW = /^[^\s\w]\s+\S+…/u;
/** The closing line of a finished turn, e.g. "✻ Baked for 4s" or "✻ Crunched for 1m 2s". */
const FINISHED_ROW = /^✻\s+\S+ for \d/u;
/** A tool-call row such as "● Bash(echo hello > out.txt)"; assistant text rows are "● <text>". */
const TOOL_CALL_ROW = /^●\s+[\w.:-]+(?:\s+[\w.:-]+)*\s*\(.*\)\s*$/u;
/** How far above the menu the `────` rule that opens it may be, in rows. */
const MAX_MENU_HEIGHT = 60;
/** Most input rows the box can have before we stop looking for its top rule. */
const MAX_BOX_ROWS = 20;

/** The Claude permission/selection menu → kind `permission`, option keys = the digit. */
export const claudePermission: Recogniser = {
  name: 'claude-permission',
  detect(screen: ScreenText): DetectedPrompt | null {
    const last = lastContentRow(screen);
    let footer = -1;
    for (let i = last; i >= Math.max(0, last - 3); i--) {
      if (PERMISSION_FOOTER.test(row(screen, i))) {
        footer = i;
        break;
      }
    }
    if (footer < 0) return null;
    // The first option ("1.") is the nearest row above the footer numbered 1.
    let first = -1;
    for (let i = footer - 1; i >= Math.max(0, footer - 30); i--) {
      const m = OPTION_ROW.exec(row(screen, i));
      if (m && m[2] === '1') {
        first = i;
        break;
      }
    }
    if (first < 0) return null;
    const options: PromptOption[] = [];
    let markers = 0;
    let lastOptionRow = first;
    for (let i = first; i < footer; i++) {
      const line = row(screen, i);
      if (line.trim() === '') continue;
      const m = OPTION_ROW.exec(line);
      if (m && Number(m[2]) === options.length + 1) {
        if (m[1]) markers++;
        options.push({ label: (m[3] ?? '').trim(), keys: m[2] ?? '' });
        lastOptionRow = i;
      } else if (options.length > 0) {
        // A long label wrapped onto the next row.
        const prev = options[options.length - 1];
        if (prev) prev.label = `${prev.label} ${line.trim()}`;
        lastOptionRow = i;
      }
    }
    if (options.length < 2 || markers !== 1) return null;
    // The question is the nearest non-blank row above the options; the rule opens the menu.
    let q = first - 1;
    while (q >= 0 && row(screen, q).trim() === '') q--;
    if (q < 0) return null;
    const question = row(screen, q).trim();
    let rule = -1;
    for (let i = q - 1; i >= Math.max(0, q - MAX_MENU_HEIGHT); i--) {
      if (isRule(row(screen, i))) {
        rule = i;
        break;
      }
    }
    let title = question;
    let details: string[] = [];
    if (rule >= 0) {
      const inner = trimBlankEnds(Array.from({ length: q - rule - 1 }, (_, k) => row(screen, rule + 1 + k)));
      if (inner.length > 0) {
        title = (inner[0] ?? '').trim();
        details = trimBlankEnds(dedentParagraphs(inner.slice(1))).filter(
          (l, k, arr) => l !== '' || arr[k - 1] !== '',
        );
      }
    }
    const body =
      title === question
        ? details.join('\n')
        : [...details, ...(details.length ? [''] : []), question].join('\n');
    return {
      kind: 'permission',
      title,
      body,
      options,
      rows: { first: rule >= 0 ? rule : q, last: Math.max(footer, lastOptionRow) },
      signature: signatureOf('claude-permission', title, body, ...options.map((o) => o.label)),
    };
  },
};

/** Where Claude's input box is: its two rules and what is typed in it. */
interface InputBox {
  topRule: number;
  bottomRule: number;
  /** Typed text, trimmed (NBSP counts as blank). */
  typed: string;
}

/** Finds Claude's input box (`❯` row(s) between two `────` rules) near the bottom of the screen. */
function findInputBox(screen: ScreenText): InputBox | null {
  const last = lastContentRow(screen);
  for (let bottom = last; bottom >= Math.max(0, last - 6); bottom--) {
    if (!isRule(row(screen, bottom))) continue;
    for (let top = bottom - 2; top >= Math.max(0, bottom - 1 - MAX_BOX_ROWS); top--) {
      if (!isRule(row(screen, top))) continue;
      const first = row(screen, top + 1);
      if (!first.startsWith('❯')) return null;
      const inner = [
        first.slice(1),
        ...Array.from({ length: bottom - top - 2 }, (_, k) => row(screen, top + 2 + k)),
      ];
      return { topRule: top, bottomRule: bottom, typed: inner.join('\n').trim() };
    }
    return null;
  }
  return null;
}

/**
 * True when the screen shows Claude Code's own UI at the bottom (input box, busy footer or
 * permission menu). The generic recognisers stay quiet then: Claude's `❯` box is not a shell
 * prompt and its numbered lists are not menus.
 */
export function claudeUiShowing(screen: ScreenText): boolean {
  if (findInputBox(screen)) return true;
  const last = lastContentRow(screen);
  for (let i = last; i >= Math.max(0, last - 3); i--) {
    const line = row(screen, i);
    if (BUSY_FOOTER.test(line) || PERMISSION_FOOTER.test(line)) return true;
  }
  return false;
}

/** The text of the last assistant message ("● <text>" plus its indented continuation rows). */
function lastAssistantText(lines: string[]): string | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (!line.startsWith('● ') || TOOL_CALL_ROW.test(line)) continue;
    const out = [line.slice(2)];
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j] ?? '';
      if (next.trim() !== '' && !next.startsWith('  ')) break;
      out.push(next.startsWith('  ') ? next.slice(2) : next.trim());
    }
    return trimBlankEnds(out.map((l) => l.trimEnd())).join('\n');
  }
  return null;
}

/**
 * Claude's idle input box → `finished` when the last turn ended on screen (a `✻ <Verb> for Ns`
 * row or an assistant message `● …` since the last user message), else `input` (only after the
 * output has been quiet for `ctx.idleThresholdMs`). Nothing when `ctx.allowIdle` is false, while busy (spinner or "esc to
 * interrupt") or while the box holds typed text. No options: a reply types text.
 */
export const claudeIdle: Recogniser = {
  name: 'claude-idle',
  detect(screen: ScreenText, ctx: RecogniserContext): DetectedPrompt | null {
    if (ctx.allowIdle === false) return null;
    const box = findInputBox(screen);
    if (!box || box.typed !== '') return null;
    const last = lastContentRow(screen);
    for (let i = box.bottomRule + 1; i <= last; i++) if (BUSY_FOOTER.test(row(screen, i))) return null;
    for (let i = box.topRule - 1; i >= Math.max(0, box.topRule - 3); i--)
      if (SPINNER_ROW.test(row(screen, i).trim())) return null;
    // The turn region: from below the last user message ("❯ <text>") down to the box.
    let start = 0;
    for (let i = box.topRule - 1; i >= 0; i--) {
      if (row(screen, i).startsWith('❯')) {
        start = i + 1;
        break;
      }
    }
    const region = Array.from({ length: box.topRule - start }, (_, k) => row(screen, start + k));
    const finished = region.some((l) => FINISHED_ROW.test(l));
    const message = lastAssistantText(region);
    const regionKey = region.map((l) => l.trim()).join('\n');
    if (finished || message !== null) {
      const body = message ?? region.find((l) => FINISHED_ROW.test(l))?.trim() ?? '';
      return {
        kind: 'finished',
        title: 'Claude finished its turn',
        body,
        options: [],
        rows: { first: start, last: box.bottomRule },
        signature: signatureOf('claude-finished', regionKey),
      };
    }
    if (ctx.quietMs < ctx.idleThresholdMs) return null;
    const tail = trimBlankEnds(region)
      .filter((l) => l.trim() !== '')
      .slice(-6);
    return {
      kind: 'input',
      title: 'Claude is waiting for your input',
      body: start > 0 ? dedent(tail).join('\n') : '',
      options: [],
      rows: { first: box.topRule, last: box.bottomRule },
      signature: signatureOf('claude-input', regionKey),
    };
  },
};

/** Claude Code's recognisers, in the order detection runs them. */
export const claudeRecognisers: Recogniser[] = [claudePermission, claudeIdle];
