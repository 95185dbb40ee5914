/**
 * The only way a link leaves the app: `shell.openExternal` for a URL this module accepts. Kept
 * free of Electron so the validator is unit-tested under Node; window.ts passes `shell.openExternal`.
 * Electron's security checklist (item "Do not use shell.openExternal with untrusted content")
 * is the source of the rule: never hand arbitrary strings to the OS URL handler.
 */

/** Longest URL we open, in chars (browsers accept more; links in a terminal are never this long). */
export const MAX_EXTERNAL_URL_CHARS = 2048;

/**
 * Returns the normalized URL when it is safe to open in the user's browser, else null: only
 * `http:` and `https:`, a host name present, no embedded credentials (`user:pass@`), no control
 * characters or whitespace, at most {@link MAX_EXTERNAL_URL_CHARS}.
 */
export function safeExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_EXTERNAL_URL_CHARS) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname || url.username || url.password) return null;
  return url.href;
}

/**
 * Opens `raw` with `open` (Electron's `shell.openExternal`) when {@link safeExternalUrl} accepts
 * it. Resolves true when opened, false when refused or when the opener failed.
 */
export async function openExternalIfSafe(
  raw: unknown,
  open: (url: string) => Promise<void>,
): Promise<boolean> {
  const url = safeExternalUrl(raw);
  if (!url) return false;
  try {
    await open(url);
    return true;
  } catch {
    return false;
  }
}
