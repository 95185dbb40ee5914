/**
 * WebGL rendering for the visible terminal only: GPU contexts are a scarce resource (browsers
 * cap them at about 16 per page), so hidden tabs use xterm's DOM renderer. When WebGL is
 * unavailable or its context is lost, the terminal stays on the DOM renderer.
 */
import { WebglAddon } from '@xterm/addon-webgl';
import type { IDisposable, Terminal } from '@xterm/xterm';

/** Switches one terminal between the WebGL and the DOM renderer. */
export class WebglSwitch {
  private addon: WebglAddon | null = null;
  private contextLoss: IDisposable | null = null;
  /** Set after a failure; WebGL is not tried again for this terminal. */
  private unavailable = false;

  constructor(private readonly term: Terminal) {}

  /** True while the WebGL renderer is active. */
  get active(): boolean {
    return this.addon !== null;
  }

  /** Loads the WebGL renderer (no-op when loaded or known unavailable). */
  enable(): void {
    if (this.addon || this.unavailable) return;
    try {
      const addon = new WebglAddon();
      this.contextLoss = addon.onContextLoss(() => {
        this.unavailable = true;
        this.disable();
      });
      this.term.loadAddon(addon);
      this.addon = addon;
    } catch {
      this.unavailable = true;
      this.contextLoss?.dispose();
      this.contextLoss = null;
    }
  }

  /** Disposes the WebGL renderer; xterm falls back to its DOM renderer. */
  disable(): void {
    this.contextLoss?.dispose();
    this.contextLoss = null;
    const addon = this.addon;
    this.addon = null;
    addon?.dispose();
  }
}
