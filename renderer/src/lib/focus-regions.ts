/**
 * Focus regions of the window, cycled with F6 / Shift-F6 (or Ctrl/Cmd-Shift-E), as in VS Code
 * and browsers: the tab strip, the terminal, the open side panel, and the top-bar buttons. The
 * way out of a terminal (which keeps Tab for the program) without the mouse.
 */

/** The regions, in cycle order. */
export const focusRegions = ['tabs', 'terminal', 'panel', 'actions'] as const;
export type FocusRegion = (typeof focusRegions)[number];

/**
 * The region after `current` (or before it for `delta` -1) among those `available`; the first
 * available one when `current` is none of them. Null when nothing is available.
 */
export function nextRegion(
  current: FocusRegion | null,
  available: readonly FocusRegion[],
  delta: 1 | -1,
): FocusRegion | null {
  const order = focusRegions.filter((r) => available.includes(r));
  if (order.length === 0) return null;
  const index = current === null ? -1 : order.indexOf(current);
  if (index === -1) return delta === 1 ? order[0]! : order[order.length - 1]!;
  return order[(index + delta + order.length) % order.length]!;
}

/** CSS selectors of each region's container, and of the element that takes focus in it. */
const REGION: Record<FocusRegion, { within: string; target: string }> = {
  tabs: { within: '.tabstrip', target: '[role="tab"][aria-selected="true"], .tabstrip .new-tab-btn' },
  terminal: {
    within: '[role="tabpanel"]:not([hidden])',
    target: '[role="tabpanel"]:not([hidden]) .xterm-helper-textarea',
  },
  panel: { within: '.sheet', target: '.sheet' },
  actions: { within: '.topbar-actions', target: '.topbar-actions button' },
};

/** The region holding `el`, if any. */
export function regionOf(el: Element | null): FocusRegion | null {
  if (!el) return null;
  return focusRegions.find((r) => el.closest(REGION[r].within) !== null) ?? null;
}

/** Regions that exist right now in `doc`. */
export function availableRegions(doc: Document): FocusRegion[] {
  return focusRegions.filter((r) => doc.querySelector(REGION[r].target) !== null);
}

/** Moves focus to the next region; returns the region focused, or null. */
export function cycleFocus(doc: Document, delta: 1 | -1): FocusRegion | null {
  const next = nextRegion(regionOf(doc.activeElement), availableRegions(doc), delta);
  if (next) doc.querySelector<HTMLElement>(REGION[next].target)?.focus();
  return next;
}
