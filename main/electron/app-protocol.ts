/**
 * The renderer is served from a privileged custom scheme, `app://agent-pager/…`, instead of
 * `file://` (Electron security checklist: "Avoid usage of the file:// protocol and prefer usage
 * of custom protocols"): file:// pages can read any local file the user can, and response headers
 * such as the CSP cannot be set on them. This module holds the pure parts: the URL → file mapping
 * (with traversal checks), content types, the Content-Security-Policy, and the sender check used
 * by the IPC bridge. protocol.ts registers the handler with Electron.
 */
import { extname, join, resolve, sep } from 'node:path';

/** The scheme, registered as standard + secure before `app.ready`. */
export const APP_SCHEME = 'app';
/** The fixed host of every renderer URL. */
export const APP_HOST = 'agent-pager';
/** Where the window loads the renderer. */
export const RENDERER_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export { CONTENT_SECURITY_POLICY } from '../core/csp.js';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** A resolved renderer request: the file to read and its Content-Type. */
export interface AppFile {
  path: string;
  contentType: string;
}

/**
 * Maps an `app://agent-pager/<path>` URL to a file under `rootDir` (`/` means `/index.html`).
 * Returns null for another scheme or host, a path escaping `rootDir` (`..`, encoded or not), a
 * NUL byte, or a malformed URL. Query and fragment are ignored.
 */
export function resolveAppFile(rawUrl: string, rootDir: string): AppFile | null {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const root = resolve(rootDir);
  const path = resolve(join(root, pathname));
  if (!path.startsWith(root + sep)) return null;
  return { path, contentType: contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream' };
}

/**
 * True when `origin` (a permission check's requesting origin, e.g. `app://agent-pager` or
 * `app://agent-pager/`) is the renderer's scheme and host. Compares scheme and host rather than
 * `URL.origin`, which is the string "null" for a non-special scheme such as `app:` in Node's URL
 * (WHATWG URL Standard, "origin" of a URL: opaque for schemes other than http(s), ws(s), ftp,
 * file, blob), so an origin comparison could never succeed.
 */
export function isAppOrigin(origin: string | undefined | null): boolean {
  if (!origin) return false;
  try {
    const url = new URL(origin);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** True when `frameUrl` is the app's own renderer page (any query/fragment), the only page allowed to call the bridge. */
export function isRendererUrl(frameUrl: string | undefined | null): boolean {
  if (!frameUrl) return false;
  try {
    const url = new URL(frameUrl);
    return (
      url.protocol === `${APP_SCHEME}:` &&
      url.host === APP_HOST &&
      (url.pathname === '/index.html' || url.pathname === '/') &&
      !url.username &&
      !url.password
    );
  } catch {
    return false;
  }
}
