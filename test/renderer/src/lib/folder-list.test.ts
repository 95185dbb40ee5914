import { describe, expect, it } from 'vitest';
import { parseFolderList } from '../../../../renderer/src/lib/folder-list.js';

describe('parseFolderList', () => {
  it('keeps one folder per non-blank line, trimmed, without duplicates, at most max', () => {
    expect(parseFolderList('  ~/code/api \n\n/srv/app\n~/code/api\n/a\n/b', 3)).toEqual([
      '~/code/api',
      '/srv/app',
      '/a',
    ]);
    expect(parseFolderList(`/ok\n/${'x'.repeat(5000)}`, 20)).toEqual(['/ok']);
    expect(parseFolderList('   \n', 20)).toEqual([]);
  });
});
