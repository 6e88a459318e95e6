import type { ReadReceiptJobData, ReadReceiptOutcome, Store, WhatsAppGateway } from '../ports/index.js';
import type { AppContext } from './context.js';
import { RetryLater } from './deliver-pair.use-case.js';

export type ReadReceiptResult = ReadReceiptOutcome | { ok: false; kind: 'skipped'; reason: string };

/**
 * The `mark-read` job: tells Meta the business read a contact's message. Best effort: throttling, 5xx and timeouts
 * are retried by the job queue (a few times); any other refusal is given up, since nothing else depends on it.
 */
export async function sendReadReceipt(
  ctx: AppContext<Pick<Store, 'messages' | 'numbers'>>,
  gateway: WhatsAppGateway,
  job: ReadReceiptJobData,
): Promise<ReadReceiptResult> {
  if (!gateway.markRead) return { ok: false, kind: 'skipped', reason: 'the gateway sends no read receipts' };
  const found = await ctx.uow.read(async (store) => {
    const message = await store.messages.byId(job.tenantId, job.messageId);
    if (!message?.providerMessageId) return null;
    const number = await store.numbers.byId(job.tenantId, message.businessNumberId);
    return number?.channel === 'whatsapp' ? { number, wamid: message.providerMessageId } : null;
  });
  if (!found) return { ok: false, kind: 'skipped', reason: 'no WhatsApp message to mark read' };
  const outcome = await gateway.markRead(found.number, found.wamid);
  if (!outcome.ok && outcome.kind === 'retry') throw new RetryLater(`${outcome.code} ${outcome.title}`);
  return outcome;
}
