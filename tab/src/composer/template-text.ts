import type { Template } from '@bridgeline/shared';
import { renderTemplate, templateParameterCount } from '@bridgeline/shared/template-text';

/**
 * How many parameters the member fills for a template: the highest `{{n}}` of its body, by the rule the server
 * checks sends with (shared/src/template-text.ts), so the fields, the preview and the send always agree.
 */
export function parameterCount(template: Template): number {
  return templateParameterCount(template.body);
}

/** The body with parameters filled in; empty ones stay visible as `{{n}}`. */
export function previewText(template: Template, parameters: string[]): string {
  if (!template.body) return `Template “${template.name}” (${template.language})`;
  return renderTemplate(
    template.body,
    parameters.map((p) => p || undefined),
  );
}
