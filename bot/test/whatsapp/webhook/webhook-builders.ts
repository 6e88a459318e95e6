import { randomUUID } from 'node:crypto';
import { PHONE_NUMBER_ID } from '../../support/test-app.js';
import { SANDBOX_APP_SECRET } from '../../../src/whatsapp/webhook/sandbox-credentials.js';
import { signBody } from '../../../src/whatsapp/webhook/webhook-signature.js';

/** Builders of Meta-shaped webhook bodies (shapes from Meta's documented examples), with overrides. */

export const WABA_ID = '200000000000001';
export const epoch = (at: Date) => String(Math.floor(at.getTime() / 1000));
export const wamid = () => `wamid.${randomUUID().replace(/-/g, '')}`;

export type Json = Record<string, unknown>;

export function aBody(values: Json[], over: { phoneNumberId?: string } = {}): Json {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: WABA_ID,
        changes: values.map((value) => ({
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: {
              display_phone_number: '15550100001',
              phone_number_id: over.phoneNumberId ?? PHONE_NUMBER_ID,
            },
            ...value,
          },
        })),
      },
    ],
  };
}

export function messagesValue(waId: string, messages: Json[], name = 'Test Contact'): Json {
  return { contacts: [{ profile: { name }, wa_id: waId }], messages };
}

export function aText(waId: string, text: string, at: Date, over: Json = {}): Json {
  return { from: waId, id: wamid(), timestamp: epoch(at), type: 'text', text: { body: text }, ...over };
}

export function aStatus(id: string, status: string, at: Date, over: Json = {}): Json {
  return { id, status, timestamp: epoch(at), recipient_id: '14155550000', ...over };
}

/** Serialised the way Meta does: non-ASCII escaped as \uXXXX. */
export function metaJson(body: unknown): string {
  return JSON.stringify(body).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export async function postWebhook(
  url: string,
  body: string | Buffer,
  opts: { secret?: string; signature?: string | null; contentType?: string } = {},
): Promise<{ status: number; text: string }> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const signature =
    opts.signature === undefined ? signBody(bytes, opts.secret ?? SANDBOX_APP_SECRET) : opts.signature;
  const res = await fetch(`${url}/api/whatsapp/webhook`, {
    method: 'POST',
    headers: {
      'content-type': opts.contentType ?? 'application/json',
      ...(signature !== null ? { 'x-hub-signature-256': signature } : {}),
    },
    body: bytes,
  });
  return { status: res.status, text: await res.text() };
}

/** Waits until the webhook inbox has tried everything the webhook accepted (the edge answers before that). */
export async function inboxDrained(sql: (text: string) => Promise<{ n: string }[]>): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const [row] = await sql(
      `SELECT count(*) AS n FROM webhook_inbox WHERE processed_at IS NULL AND attempts = 0`,
    );
    if (Number(row?.n) === 0) return;
    if (Date.now() > deadline) throw new Error(`${row?.n} webhook items still not applied after 15 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
