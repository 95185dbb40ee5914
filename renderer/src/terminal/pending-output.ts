/**
 * Orders a terminal's output around an attach: `session.data` events that arrive after the
 * `session.attach` request was sent but before its snapshot came back belong after the
 * snapshot, so they are held and released once the snapshot is written.
 */
export class PendingOutput {
  /** Held chunks while attaching; null once live. */
  private held: string[] | null = [];
  /** While true, output is dropped: it belongs to an attachment being replaced. */
  private discarding = false;

  /** True while an attach is outstanding. */
  get attaching(): boolean {
    return this.held !== null;
  }

  /**
   * Drops output from now until the next {@link beginAttach}: used while a detach is in flight
   * before a re-attach, whose snapshot will already contain that output.
   */
  beginDiscard(): void {
    this.discarding = true;
    this.held = null;
  }

  /** Starts holding output (call right before sending `session.attach`). */
  beginAttach(): void {
    this.discarding = false;
    this.held = [];
  }

  /**
   * Offers one chunk. Returns the chunk when it should be written now, or null when it was
   * held for after the snapshot (or dropped while discarding).
   */
  accept(chunk: string): string | null {
    if (this.discarding) return null;
    if (this.held === null) return chunk;
    this.held.push(chunk);
    return null;
  }

  /** Ends the attach: returns the held chunks in arrival order and passes later ones through. */
  release(): string[] {
    const chunks = this.held ?? [];
    this.held = null;
    return chunks;
  }
}
