/**
 * Signed WhatsApp webhook batches as Meta sends them (one message from a contact and three statuses of earlier
 * business messages), for the ingest benchmarks: fresh bodies, a share of exact redeliveries, and the set of ids
 * posted, to check stored rows against afterwards.
 */
import { randomBytes } from 'node:crypto';
import { SANDBOX_APP_SECRET } from '../../bot/src/whatsapp/webhook/sandbox-credentials.js';
import { signBody } from '../../bot/src/whatsapp/webhook/webhook-signature.js';
import type { WebhookBody } from '../../bot/src/whatsapp/webhook/webhook-payload.schema.js';
import type { Shot } from './load.js';

const PHONE_NUMBER_ID = '100000000000001';
const WABA_ID = '200000000000001';
const CONTACTS = 200;
const OUTBOUND_IDS = 600;
const DUPLICATE_SHARE = 0.2;

let counter = 0;
const wamid = () => `wamid.bench${randomBytes(12).toString('hex')}${++counter}`;
const outboundIds = Array.from({ length: OUTBOUND_IDS }, wamid);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;

/** One message from a contact and three statuses of earlier business messages, as Meta batches them. */
export function batch(): WebhookBody {
  const contact = `1415800${String(1000 + Math.floor(Math.random() * CONTACTS))}`;
  const now = String(Math.floor(Date.now() / 1000));
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: WABA_ID,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550100001', phone_number_id: PHONE_NUMBER_ID },
              contacts: [{ profile: { name: `Bench ${contact.slice(-4)}` }, wa_id: contact }],
              messages: [
                {
                  from: contact,
                  id: wamid(),
                  timestamp: now,
                  type: 'text',
                  text: { body: 'Could you confirm the transfer went through? Thanks — ça marche.' },
                },
              ],
              statuses: (['sent', 'delivered', 'read'] as const).map((status) => ({
                id: pick(outboundIds),
                status,
                timestamp: now,
                recipient_id: contact,
              })),
            },
          },
        ],
      },
    ],
  };
}

/** Every message wamid and (wamid, status) this run posted, to check the stored rows against afterwards. */
export const posted = { messages: new Set<string>(), statuses: new Set<string>() };

/**
 * `n` requests of fresh bodies (never posted before in this run, so no round is answered from an earlier round's
 * rows), 20% of them exact redeliveries (same bytes, same signature) of other bodies of the same list, as Meta sends
 * them.
 */
export function shots(n: number): Shot[] {
  const fresh: Shot[] = [];
  const list: Shot[] = [];
  for (let i = 0; i < n; i++) {
    if (fresh.length > 0 && Math.random() < DUPLICATE_SHARE) {
      list.push(pick(fresh));
      continue;
    }
    const b = batch();
    const value = b.entry[0]!.changes[0]!.value as {
      messages: { id: string }[];
      statuses: { id: string; status: string }[];
    };
    for (const m of value.messages) posted.messages.add(m.id);
    for (const st of value.statuses) posted.statuses.add(`${st.id}:${st.status}`);
    const body = Buffer.from(
      JSON.stringify(b).replace(
        /[\u007f-\uffff]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      ),
    );
    const shot = {
      body,
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': signBody(body, SANDBOX_APP_SECRET),
      },
    };
    fresh.push(shot);
    list.push(shot);
  }
  return list;
}
