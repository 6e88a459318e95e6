import type { TemplateSummary } from '../api/types.js';

const PLACEHOLDER = /\{\{\s*(\d+)\s*\}\}/g;

/** How many parameters a template takes: as the server says, else the highest `{{n}}` in its body. */
export function parameterCount(template: TemplateSummary): number {
  if (typeof template.parameterCount === 'number') return template.parameterCount;
  let max = 0;
  for (const match of (template.body ?? '').matchAll(PLACEHOLDER)) max = Math.max(max, Number(match[1]));
  return max;
}

/** The body with parameters filled in; empty ones stay visible as `{{n}}`. */
export function previewText(template: TemplateSummary, parameters: string[]): string {
  if (!template.body) return `Template “${template.name}” (${template.language})`;
  return template.body.replace(PLACEHOLDER, (whole, n: string) => parameters[Number(n) - 1] || whole);
}
