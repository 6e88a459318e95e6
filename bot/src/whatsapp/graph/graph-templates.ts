import { TemplatePageSchema, toMessageTemplate, type MessageTemplate } from './graph-api.responses.js';
import { segment, type GraphHttp } from './graph-http.js';

const MAX_TEMPLATE_PAGES = 50;

/** Every template of the WhatsApp Business Account, all pages (at most 50). */
export async function listTemplates(
  http: GraphHttp,
  wabaId: string,
  opts: { pageSize?: number },
): Promise<MessageTemplate[]> {
  const templates: MessageTemplate[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_TEMPLATE_PAGES; page += 1) {
    const url = http.url(`${segment(wabaId)}/message_templates`);
    url.searchParams.set('fields', 'id,name,language,status,category,quality_score,components');
    url.searchParams.set('limit', String(opts.pageSize ?? 100));
    if (after !== undefined) url.searchParams.set('after', after);
    const response = await http.request(url, { method: 'GET' });
    const data = await http.parseBody(response, TemplatePageSchema, 'template list');
    templates.push(...data.data.map(toMessageTemplate));
    // Follow the cursor, not `paging.next`: the next URL would carry our token to wherever it points.
    after = data.paging?.next !== undefined ? data.paging.cursors?.after : undefined;
    if (after === undefined) return templates;
  }
  return templates;
}
