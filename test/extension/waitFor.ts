/** The one wait of the extension-host tests: polls `probe` until `done` accepts its value; nothing sleeps blindly. */
export async function waitFor<T>(what: string, probe: () => T | PromiseLike<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    try {
      last = await probe();
      lastError = undefined;
      if (done(last)) return last;
    } catch (error) {
      // Not ready yet (a provider not registered, a document not read): asked again.
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError !== undefined ? `last error: ${String(lastError)}` : `last value: ${JSON.stringify(last)?.slice(0, 2000)}`;
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; ${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
