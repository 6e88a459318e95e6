import type { DeliveryPort, PairKey } from '../../src/ports/index.js';
import { messageRecord, sendOrder } from './messages.fake.js';
import { samePair, type MessageRow, type State } from './state.js';

/** The worker's steps: one message of a pair in flight at a time, never sent twice once Meta has its id. */
export function fakeDelivery(state: State, now: () => Date): DeliveryPort {
  const ofPair = (k: PairKey) => state.messages.filter((m) => samePair(m, k));
  return {
    async claimNext(k, at) {
      const pair = ofPair(k);
      if (pair.some((m) => m.status === 'sending')) return null;
      const next = pair.filter((m) => m.status === 'queued').sort(sendOrder)[0];
      if (!next) return null;
      const thread = state.threads.find((t) => t.id === next.threadId);
      if (!thread) throw new Error(`message ${next.id} lost its thread`);
      const skipped = next.providerMessageId !== null;
      next.status = skipped ? 'sent' : 'sending';
      if (!skipped) next.sendingAt = at;
      next.updatedAt = now();
      const activeMembers = state.participants.filter(
        (p) => p.threadId === thread.id && p.leftAt === null,
      ).length;
      return { message: messageRecord(state, next), skipped, channel: thread.channel, activeMembers };
    },
    async unconfirmedSends(claimedBy, limit) {
      return state.messages
        .filter(
          (m): m is MessageRow & { sendingAt: Date } =>
            m.status === 'sending' &&
            m.providerMessageId === null &&
            m.sendingAt !== null &&
            m.sendingAt <= claimedBy,
        )
        .sort((a, b) => a.sendingAt.getTime() - b.sendingAt.getTime())
        .slice(0, limit)
        .map((m) => ({ message: messageRecord(state, m), sendingAt: m.sendingAt }));
    },
    async stalledPairs(queuedBy, limit) {
      const pairs = new Map<string, PairKey & { oldestQueuedAt: Date; inFlight: boolean }>();
      for (const m of state.messages.filter((r) => r.status === 'queued')) {
        if (ofPair(m).some((r) => r.status === 'sending')) continue;
        const id = `${m.tenantId}:${m.businessNumberId}:${m.contactId}`;
        const seen = pairs.get(id);
        if (!seen || m.updatedAt < seen.oldestQueuedAt)
          pairs.set(id, {
            tenantId: m.tenantId,
            businessNumberId: m.businessNumberId,
            contactId: m.contactId,
            oldestQueuedAt: m.updatedAt,
            inFlight: false,
          });
      }
      return [...pairs.values()]
        .filter((p) => p.oldestQueuedAt <= queuedBy)
        .sort((a, b) => a.oldestQueuedAt.getTime() - b.oldestQueuedAt.getTime())
        .slice(0, limit);
    },
    async recordSent(i) {
      const m = state.messages.find((r) => r.id === i.message.id);
      if (m && m.status === 'sending') {
        m.status = 'sent';
        m.providerMessageId = i.providerMessageId ?? m.providerMessageId;
        m.sentText = i.sentText ?? m.sentText;
        m.updatedAt = now();
      }
      // One statement in the repository: the event is appended whether or not the guarded update applied.
      state.events.push({
        tenantId: i.message.tenantId,
        type: 'message.sent',
        threadId: i.message.threadId,
        actorMemberId: null,
        payload: { messageId: i.message.id, providerMessageId: i.providerMessageId, content: i.content },
        occurredAt: i.occurredAt,
      });
    },
    async claimReadReceipt(threadId, upToSeq, at) {
      const latest = state.messages
        .filter(
          (m) => m.threadId === threadId && m.direction === 'in' && m.seq <= upToSeq && m.providerMessageId,
        )
        .sort((a, b) => b.seq - a.seq)[0];
      if (!latest || latest.readReceiptAt !== null) return null;
      latest.readReceiptAt = at;
      return latest.id;
    },
  };
}
