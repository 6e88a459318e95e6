import { renderBody } from '../domain/template-text.js';
import type { Store, TemplateContent } from '../ports/index.js';

/**
 * What the contact reads for a template message: its approved body with the parameters filled in, kept as the
 * message's text so members, previews, cards and the archive show the words sent, not a template name. Null when the
 * catalogue does not know the template yet (the tab then names it).
 */
export async function templateText(
  store: Pick<Store, 'templates'>,
  tenantId: string,
  ref: TemplateContent,
): Promise<string | null> {
  const known = (await store.templates.approved(tenantId)).find(
    (t) => t.name === ref.name && t.language === ref.language,
  );
  return known?.body ? renderBody(known.body, ref.parameters) : null;
}
