/**
 * Registers the `app://` scheme and serves the built renderer from it with the CSP and
 * nosniff headers. See app-protocol.ts for the URL rules and why file:// is not used.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, resolveAppFile } from './app-protocol.js';

/** Declares `app:` standard and secure. Must run before `app.ready` (Electron requirement). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Serves files under `rendererDir` at `app://agent-pager/…` on the default session. Call after ready. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = request.method === 'GET' ? resolveAppFile(request.url, rendererDir) : null;
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file.path);
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': file.contentType,
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-cache',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
