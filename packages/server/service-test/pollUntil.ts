export interface PollOptions {
  readonly timeoutMs: number;
  readonly everyMs?: number;
  /** An error for which waiting longer cannot help (e.g. the process exited): thrown at once. */
  readonly abortOn?: (error: unknown) => boolean;
}

/**
 * Asks `probe` every `everyMs` (250 ms) until it returns a value (not undefined), which is
 * returned. A probe throws to say why it is not done yet; after `timeoutMs` the wait fails
 * with `what` and that last reason, so a timeout explains itself.
 */
export async function pollUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  options: PollOptions,
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let last = 'nothing yet';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
      last = 'not yet';
    } catch (error) {
      if (options.abortOn?.(error) === true) throw error;
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${what}: ${last}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 250));
  }
}
