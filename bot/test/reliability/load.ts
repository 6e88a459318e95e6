import { randomUUID } from 'node:crypto';
import { SANDBOX_APP_SECRET } from '../../src/whatsapp/webhook/sandbox-credentials.js';
import { signBody } from '../../src/whatsapp/webhook/webhook-signature.js';

/**
 * The load generator: Meta-shaped webhooks signed with the sandbox app secret (what Meta would post: inbound messages
 * from many contacts, statuses), posted until answered 200 the way Meta retries; and API sends retried with the same
 * clientMessageId until answered, the way the tab retries. Ordinary valid input only.
 */

/** The sandbox's default business number (config defaults when WHATSAPP_PHONE_NUMBER_ID is unset). */
export const PHONE_NUMBER_ID = '100000000000001';
export const WABA_ID = '200000000000001';

export interface Inbound {
  waId: string;
  wamid: string;
  text: string;
}

export interface Webhook {
  /** What it carries, for the counter: inbound message ids, or status ids. */
  inbound: Inbound[];
  statuses: string[];
  bytes: Buffer;
  /** Answered 200 at least once (Meta then stops retrying it). */
  acknowledged: boolean;
  posts: number;
  answers: Map<number | 'error', number>;
}

const epoch = (at: Date) => String(Math.floor(at.getTime() / 1000));
export const newWamid = () => `wamid.rel${randomUUID().replace(/-/g, '')}`;

function envelope(values: Record<string, unknown>[]): unknown {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: WABA_ID,
        changes: values.map((value) => ({
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550100001', phone_number_id: PHONE_NUMBER_ID },
            ...value,
          },
        })),
      },
    ],
  };
}

function webhook(body: unknown, inbound: Inbound[], statuses: string[]): Webhook {
  // Meta escapes non-ASCII as \uXXXX and signs those exact bytes.
  const json = JSON.stringify(body).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return { inbound, statuses, bytes: Buffer.from(json), acknowledged: false, posts: 0, answers: new Map() };
}

/** One webhook with messages from several contacts (Meta batches), each contact with its profile. */
export function inboundWebhook(messages: Inbound[], at: Date): Webhook {
  const byContact = new Map<string, Inbound[]>();
  for (const m of messages) byContact.set(m.waId, [...(byContact.get(m.waId) ?? []), m]);
  const values = [...byContact].map(([waId, ms]) => ({
    contacts: [{ profile: { name: `Contact ${waId.slice(-4)} é` }, wa_id: waId }],
    messages: ms.map((m) => ({
      from: waId,
      id: m.wamid,
      timestamp: epoch(at),
      type: 'text',
      text: { body: m.text },
    })),
  }));
  return webhook(envelope(values), messages, []);
}

/** Statuses of sends the app made (Meta's ids), e.g. `read` once the contact opened them. */
export function statusWebhook(
  items: { wamid: string; waId: string; status: string; messageId: string }[],
  at: Date,
): Webhook {
  const values = [
    {
      statuses: items.map((s) => ({
        id: s.wamid,
        status: s.status,
        timestamp: epoch(at),
        recipient_id: s.waId,
        biz_opaque_callback_data: s.messageId,
      })),
    },
  ];
  return webhook(
    envelope(values),
    [],
    items.map((s) => `${s.wamid}:${s.status}`),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Posts a webhook like Meta: signed, and retried with backoff until a 2xx (the process may be down, killed mid-request
 * or not ready). Gives up at `deadline`; an unacknowledged webhook is one Meta would keep retrying, not a loss.
 */
export async function deliverWebhook(baseUrl: () => string, hook: Webhook, deadline: number): Promise<void> {
  const signature = signBody(hook.bytes, SANDBOX_APP_SECRET);
  for (let attempt = 0; Date.now() < deadline; attempt += 1) {
    hook.posts += 1;
    let status: number | 'error';
    try {
      const res = await fetch(`${baseUrl()}/api/whatsapp/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
        body: hook.bytes,
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      status = 'error';
    }
    hook.answers.set(status, (hook.answers.get(status) ?? 0) + 1);
    if (status === 200) {
      hook.acknowledged = true;
      return;
    }
    await sleep(Math.min(2000, 100 * 2 ** attempt) * (0.5 + Math.random() / 2));
  }
}

export interface Send {
  threadId: string;
  waId: string;
  clientMessageId: string;
  /** Answered 201/200 with the message (the member saw it accepted). */
  acknowledged: boolean;
  messageId: string | null;
  answers: Map<number | 'error', number>;
}

/** One API send, retried with the same clientMessageId until answered (idempotent), like the tab after a timeout. */
export async function deliverSend(
  baseUrl: () => string,
  token: () => Promise<string>,
  send: Send,
  deadline: number,
): Promise<void> {
  for (let attempt = 0; Date.now() < deadline; attempt += 1) {
    let status: number | 'error';
    try {
      const res = await fetch(`${baseUrl()}/api/v1/threads/${send.threadId}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}` },
        body: JSON.stringify({
          clientMessageId: send.clientMessageId,
          template: {
            name: 'appointment_reminder',
            language: 'en_US',
            parameters: ['Dr Rivera', send.clientMessageId.slice(-8)],
          },
        }),
        signal: AbortSignal.timeout(10_000),
      });
      status = res.status;
      const body = (await res.json().catch(() => null)) as { id?: string } | null;
      if ((status === 200 || status === 201) && body?.id) {
        send.acknowledged = true;
        send.messageId = body.id;
      }
    } catch {
      status = 'error';
    }
    send.answers.set(status, (send.answers.get(status) ?? 0) + 1);
    if (send.acknowledged) return;
    await sleep(Math.min(2000, 100 * 2 ** attempt) * (0.5 + Math.random() / 2));
  }
}

/** Runs `tasks` with at most `concurrency` at a time. */
export async function pool(concurrency: number, tasks: (() => Promise<void>)[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
      while (next < tasks.length) await tasks[next++]!();
    }),
  );
}

export function shuffle<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
