import { describe, expect, it } from 'vitest';
import { openExternalIfSafe, safeExternalUrl } from '../../../main/electron/open-external.js';

describe('safeExternalUrl', () => {
  it('accepts http and https links with a host', () => {
    expect(safeExternalUrl('https://github.com/anthropics/claude-code')).toBe(
      'https://github.com/anthropics/claude-code',
    );
    expect(safeExternalUrl('http://localhost:3000/a?b=1#c')).toBe('http://localhost:3000/a?b=1#c');
    expect(safeExternalUrl('HTTPS://Example.COM')).toBe('https://example.com/');
  });

  it('refuses other schemes, credentials, control characters, junk and overlong URLs', () => {
    for (const bad of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-settings:privacy',
      'app://agent-pager/index.html',
      'data:text/html,<script>1</script>',
      'https://user:pw@example.com/',
      'https://evil.com@example.com/',
      'https://example.com/\n',
      'https://exa mple.com/',
      'not a url',
      '',
      `https://example.com/${'a'.repeat(2100)}`,
      42,
      null,
    ]) {
      expect(safeExternalUrl(bad), String(bad)).toBeNull();
    }
  });
});

describe('openExternalIfSafe', () => {
  it('calls the opener only for safe URLs and reports opener failures', async () => {
    const opened: string[] = [];
    const open = async (u: string) => {
      opened.push(u);
    };
    expect(await openExternalIfSafe('https://example.com', open)).toBe(true);
    expect(await openExternalIfSafe('file:///etc/passwd', open)).toBe(false);
    expect(opened).toEqual(['https://example.com/']);
    expect(
      await openExternalIfSafe('https://example.com', async () => {
        throw new Error('no browser');
      }),
    ).toBe(false);
  });
});
