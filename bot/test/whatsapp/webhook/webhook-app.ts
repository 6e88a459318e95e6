import type { TestApp } from '../../support/test-app.js';
import { inboxDrained, metaJson, postWebhook, type Json } from './webhook-builders.js';

/** A contact's WhatsApp id: their E.164 number without the plus. */
export const waIdOf = (phone: string) => phone.slice(1);

/** What the webhook tests do against their test app: post like Meta, count rows, read a contact's inbound messages. */
export function webhookHelpers(appOf: () => TestApp) {
  /** Posts like Meta, then waits for the workers to apply what the edge accepted. */
  async function post(body: Json | string, opts?: Parameters<typeof postWebhook>[2]) {
    const app = appOf();
    const r = await postWebhook(app.url, typeof body === 'string' ? body : metaJson(body), opts);
    await inboxDrained((text) => app.sql(text));
    return r;
  }
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await appOf().sql<{ n: string }>(sql, params))[0]?.n ?? 0);
  const messagesFrom = (phone: string) =>
    appOf().sql<{ type: string; text: string | null; provider_message_id: string; media_id: string | null }>(
      `SELECT m.type, m.text, m.provider_message_id, m.media_id FROM messages m JOIN contacts c ON c.id = m.contact_id
      WHERE c.phone_e164 = $1 AND m.direction = 'in' ORDER BY m.seq`,
      [phone],
    );
  return { post, count, messagesFrom };
}
