/**
 * The renderer's Content Security Policy, sent as a response header by both shells (Electron's
 * `app://` protocol handler and the headless host's HTTP server): scripts only from the app
 * itself, no eval, no plugins, no framing. Styles allow inline because xterm.js and React set
 * element styles at run time. `connect-src 'self'` also covers the headless host's same-origin
 * WebSocket (CSP Level 3 matches ws: to the page's http: origin).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');
