/** `{{1}}`, `{{2}}`, … of a template body, counted once each. */
export function placeholderCount(text: string): number {
  return new Set(text.match(/\{\{\s*\d+\s*\}\}/g) ?? []).size;
}

/** The body with its placeholders filled, as the contact's phone shows it; a missing value keeps its placeholder. */
export function renderBody(text: string, parameters: readonly string[]): string {
  return text.replace(/\{\{\s*(\d+)\s*\}\}/g, (whole, n: string) => parameters[Number(n) - 1] ?? whole);
}
