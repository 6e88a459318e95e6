/**
 * A light check of a typed phone number: the server validates and stores E.164 for real. We accept
 * `+44 20 7946 0958`, `0044…` and separators, and ask for the country code by requiring `+` or `00`.
 */
export function normalisePhone(input: string): string | null {
  const compact = input.trim().replace(/[\s().-]/g, '');
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  return /^\+[1-9]\d{6,14}$/.test(international) ? international : null;
}

/** True when the text looks like someone is typing a number rather than a name. */
export function looksLikePhone(input: string): boolean {
  return /^[+0-9][\d\s().-]*$/.test(input.trim());
}
