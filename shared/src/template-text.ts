/**
 * The placeholders of a WhatsApp template body, the one rule the server and the tab share.
 *
 * Meta numbers a body's placeholders `{{1}}`, `{{2}}`, … `{{n}}` and requires them sequential; a send gives the body's
 * parameters as a list in which the i-th value fills `{{i}}`, wherever and however often `{{i}}` appears. So the
 * number of parameters a body takes is its HIGHEST index, not the number of distinct placeholders: for
 * `Hello {{1}}, see {{3}}` it is 3 (the value for `{{3}}` is the third in the list, so a second must come before it),
 * while counting distinct placeholders would say 2 and leave `{{3}}` unfilled. For the sequential bodies Meta approves
 * the two agree; for the rest the highest index is the only count that fills every placeholder.
 */

/** `{{1}}`, `{{ 2 }}`, …: Meta's positional placeholders (spaces inside the braces tolerated). */
const PLACEHOLDER = /\{\{\s*(\d+)\s*\}\}/g;

/** The distinct placeholder indices of a body, in ascending order: `[1, 3]` for `Hello {{1}}, see {{3}} {{1}}`. */
export function templatePlaceholders(body: string): number[] {
  const found = new Set<number>();
  for (const match of body.matchAll(PLACEHOLDER)) found.add(Number(match[1]));
  return [...found].sort((a, b) => a - b);
}

/** How many parameters a send of this body carries: the highest placeholder index (0 without placeholders). */
export function templateParameterCount(body: string): number {
  return templatePlaceholders(body).reduce((max, n) => Math.max(max, n), 0);
}

/**
 * The body with its placeholders filled, as the contact's phone shows it: `{{i}}` takes the i-th parameter. A
 * placeholder whose parameter is missing (undefined) stays as written rather than inventing a value.
 */
export function renderTemplate(body: string, parameters: readonly (string | undefined)[]): string {
  return body.replace(PLACEHOLDER, (whole, n: string) => parameters[Number(n) - 1] ?? whole);
}
