import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  isAppOrigin,
  isRendererUrl,
  RENDERER_URL,
  resolveAppFile,
} from '../../../main/electron/app-protocol.js';

const root = resolve('/opt/app/dist/renderer');

describe('resolveAppFile', () => {
  it('maps app://agent-pager paths under the renderer folder with a content type', () => {
    expect(resolveAppFile(RENDERER_URL, root)).toEqual({
      path: join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppFile('app://agent-pager/', root)?.path).toBe(join(root, 'index.html'));
    expect(resolveAppFile('app://agent-pager/assets/index-abc.js?v=1#x', root)).toEqual({
      path: join(root, 'assets', 'index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppFile('app://agent-pager/a%20b.woff2', root)?.contentType).toBe('font/woff2');
    expect(resolveAppFile('app://agent-pager/blob.bin', root)?.contentType).toBe('application/octet-stream');
  });

  it('refuses traversal, other hosts and schemes, NUL and malformed escapes', () => {
    // The URL parser already folds literal dot segments, so they stay inside the root.
    expect(resolveAppFile('app://agent-pager/../../etc/passwd', root)?.path).toBe(
      join(root, 'etc', 'passwd'),
    );
    expect(resolveAppFile('app://agent-pager/%2e%2e/%2e%2e/etc/passwd', root)?.path).toBe(
      join(root, 'etc', 'passwd'),
    );
    // Encoded slashes survive the parser and are decoded by us: the resolved path must not escape.
    for (const bad of [
      'app://agent-pager/assets/..%2f..%2f..%2fsecret',
      'app://agent-pager/a%00.html',
      'app://agent-pager/%E0%A4%A',
      'app://agent-pager/..%5c..%5cwin.ini',
      'app://other/index.html',
      'file:///opt/app/dist/renderer/index.html',
      'https://agent-pager/index.html',
      'nonsense',
    ]) {
      expect(resolveAppFile(bad, root), bad).toBeNull();
    }
  });
});

describe('isRendererUrl', () => {
  it('accepts only the app page itself', () => {
    expect(isRendererUrl(RENDERER_URL)).toBe(true);
    expect(isRendererUrl(`${RENDERER_URL}#/session/1`)).toBe(true);
    expect(isRendererUrl('app://agent-pager/')).toBe(true);
    expect(isRendererUrl('app://agent-pager/other.html')).toBe(false);
    expect(isRendererUrl('app://evil/index.html')).toBe(false);
    expect(isRendererUrl('file:///opt/app/dist/renderer/index.html')).toBe(false);
    expect(isRendererUrl('https://example.com/index.html')).toBe(false);
    expect(isRendererUrl('')).toBe(false);
    expect(isRendererUrl(undefined)).toBe(false);
  });
});

describe('isAppOrigin', () => {
  it('matches the app scheme and host, which URL.origin cannot ("null" for app:)', () => {
    expect(new URL(RENDERER_URL).origin).toBe('null');
    expect(isAppOrigin('app://agent-pager')).toBe(true);
    expect(isAppOrigin('app://agent-pager/')).toBe(true);
    expect(isAppOrigin('app://agent-pager/index.html')).toBe(true);
    expect(isAppOrigin('app://other')).toBe(false);
    expect(isAppOrigin('https://agent-pager')).toBe(false);
    expect(isAppOrigin('app://user:pw@agent-pager')).toBe(false);
    expect(isAppOrigin('null')).toBe(false);
    expect(isAppOrigin('')).toBe(false);
    expect(isAppOrigin(undefined)).toBe(false);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows scripts only from the app and blocks objects, frames and base tricks', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
    );
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
  });
});
