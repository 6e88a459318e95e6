/**
 * The one polling helper of the tests: asks `probe` again every `everyMs` until it answers something truthy, for what
 * the server does in the background (workers, webhooks, the browser). Gives up after `withinMs` with an error that
 * names what it waited for, so a step that cannot happen fails in seconds, not at the test's timeout.
 */
export async function eventually<T>(
  what: string,
  probe: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  { withinMs = 15_000, everyMs = 20 }: { withinMs?: number; everyMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${withinMs / 1000} s waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
