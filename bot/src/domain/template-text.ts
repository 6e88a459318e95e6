import { renderTemplate, templateParameterCount } from '@bridgeline/shared';

/**
 * How many parameters a template body takes: its highest `{{n}}`, as Meta fills `{{i}}` with the i-th parameter
 * (the rule, and why, in shared/src/template-text.ts; the tab's composer uses the same one).
 */
export function placeholderCount(text: string): number {
  return templateParameterCount(text);
}

/** The body with its placeholders filled, as the contact's phone shows it; a missing value keeps its placeholder. */
export function renderBody(text: string, parameters: readonly string[]): string {
  return renderTemplate(text, parameters);
}
