import { describe, expect, it } from 'vitest';
import { folderName } from '../../../../renderer/src/lib/folder-name.js';

describe('folderName', () => {
  it.each([
    ['/home/ann/src/api', 'api'],
    ['/home/ann/src/api/', 'api'],
    ['~/notes', 'notes'],
    ['~', '~'],
    ['C:\\work\\site', 'site'],
    ['C:\\work\\site\\', 'site'],
    ['C:\\', 'C:'],
    ['/', '/'],
    ['  /tmp/x  ', 'x'],
    ['', ''],
  ])('%j → %j', (dir, name) => {
    expect(folderName(dir)).toBe(name);
  });
});
