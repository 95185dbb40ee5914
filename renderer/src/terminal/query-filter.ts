/**
 * Makes the renderer's xterm ignore terminal queries. The session's headless screen model in
 * the core already answers them (it must, so programs get answers while no window is open);
 * if this xterm answered too, the program would read two replies and may print the second one.
 * Focus reports and mouse events are not queries and still flow from this xterm.
 *
 * Colour queries (OSC 4/10/11/12 with `?`) are left to this xterm on purpose: the headless
 * model has no theme and does not answer them (its `onColor` event has no listener in
 * @xterm/headless 6), so the window that shows the colours is the one to report them.
 */
import type { IDisposable, Terminal } from '@xterm/xterm';

/** CSI queries xterm.js answers: DA1, DA2, DSR/CPR, DEC DSR, XTVERSION, DECRQM (ANSI and DEC). */
export const SWALLOWED_CSI = [
  { final: 'c' },
  { prefix: '>', final: 'c' },
  { final: 'n' },
  { prefix: '?', final: 'n' },
  { prefix: '>', final: 'q' },
  { intermediates: '$', final: 'p' },
  { prefix: '?', intermediates: '$', final: 'p' },
] as const;

/** Registers the swallowing handlers; dispose the result to remove them. */
export function swallowTerminalQueries(term: Terminal): IDisposable {
  const disposables: IDisposable[] = [
    ...SWALLOWED_CSI.map((id) => term.parser.registerCsiHandler({ ...id }, () => true)),
    // DECRQSS (DCS $ q … ST): a settings query answered with a DCS report.
    term.parser.registerDcsHandler({ intermediates: '$', final: 'q' }, () => true),
  ];
  return { dispose: () => disposables.forEach((d) => d.dispose()) };
}
