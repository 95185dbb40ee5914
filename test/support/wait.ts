/**
 * Polls `check` every `intervalMs` until it returns a truthy value, and returns that value.
 * @throws Error naming `what` after `timeoutMs` ms.
 */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  what: string,
  timeoutMs = 5000,
  intervalMs = 25,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Resolves after `ms` ms. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
