import { describe, expect, it } from 'vitest';
import { closeAction, initialWindow } from '../../../../main/core/desktop/window-policy.js';

const visible = { created: true, visible: true };
const unseen = { created: true, visible: false };
const none = { created: false, visible: false };

describe('window policy', () => {
  it('hides a --hidden start only behind a tray the user can see', () => {
    expect(initialWindow(false, visible)).toBe('show');
    expect(initialWindow(true, visible)).toBe('hidden');
    expect(initialWindow(true, unseen)).toBe('minimized');
    expect(initialWindow(true, none)).toBe('minimized');
  });

  it('closes to the tray, minimises without a visible tray, asks to quit with none', () => {
    expect(closeAction(false, visible)).toBe('hide');
    expect(closeAction(false, unseen)).toBe('minimize');
    expect(closeAction(false, none)).toBe('ask');
    expect(closeAction(true, visible)).toBe('close');
  });
});
