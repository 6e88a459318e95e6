import type { MessageRecord, MessagesPort, PairKey, StatusesPort } from '../../src/ports/index.js';
import { copy, nextId, samePair, type MessageRow, type State } from './state.js';

/** A message row as the repositories answer it: with its sender's name (a join on members). */
export function messageRecord(state: State, row: MessageRow): MessageRecord {
  const { sendAfterSeq: _s, sendingAt: _a, readReceiptAt: _r, updatedAt: _u, ...rest } = row;
  const sender = row.senderMemberId ? state.members.find((m) => m.id === row.senderMemberId) : undefined;
  return copy({ ...rest, senderName: sender?.displayName ?? null });
}

/** The order a pair's queued messages leave in: a message put behind another leaves right after it. */
export const sendOrder = (a: MessageRow, b: MessageRow) =>
  (a.sendAfterSeq ?? a.seq) - (b.sendAfterSeq ?? b.seq) ||
  Number(a.sendAfterSeq !== null) - Number(b.sendAfterSeq !== null) ||
  a.seq - b.seq;

export function fakeMessages(state: State, now: () => Date): MessagesPort {
  const ofPair = (k: PairKey, status: MessageRecord['status']) =>
    state.messages.filter((m) => samePair(m, k) && m.status === status);
  const find = (id: string) => state.messages.find((m) => m.id === id);
  const one = (row: MessageRow | undefined) => (row ? messageRecord(state, row) : null);
  return {
    async byId(tenantId, id) {
      return one(state.messages.find((m) => m.tenantId === tenantId && m.id === id));
    },
    async byClientId(tenantId, senderMemberId, clientMessageId) {
      return one(
        state.messages.find(
          (m) =>
            m.tenantId === tenantId &&
            m.senderMemberId === senderMemberId &&
            m.clientMessageId === clientMessageId,
        ),
      );
    },
    async byProviderId(providerMessageId) {
      return one(state.messages.find((m) => m.providerMessageId === providerMessageId));
    },
    async insert(input) {
      if (!state.threads.some((t) => t.tenantId === input.tenantId && t.id === input.threadId))
        throw new Error('messages_thread_fkey');
      if ((input.direction === 'notice') !== (input.type === 'notice')) throw new Error('notice check');
      // The unique indexes: a retried request or a redelivered webhook stores nothing twice.
      const duplicate = state.messages.some(
        (m) =>
          (input.clientMessageId !== null &&
            m.tenantId === input.tenantId &&
            m.senderMemberId === input.senderMemberId &&
            m.clientMessageId === input.clientMessageId) ||
          (input.providerMessageId !== null && m.providerMessageId === input.providerMessageId),
      );
      if (duplicate) return null;
      state.counters.seq += 1;
      const row: MessageRow = {
        ...copy(input),
        id: nextId(state),
        seq: state.counters.seq,
        sentText: input.sentText ?? null,
        error: null,
        providerTimestamp: input.providerTimestamp ?? null,
        noticeKind: input.noticeKind ?? null,
        noticeParams: input.noticeParams ?? null,
        sendAfterSeq: null,
        sendingAt: null,
        readReceiptAt: null,
        updatedAt: input.createdAt,
      };
      state.messages.push(row);
      return messageRecord(state, row);
    },
    async list(threadId, view, beforeSeq, limit) {
      return state.messages
        .filter(
          (m) =>
            m.threadId === threadId &&
            m.createdAt >= view.from &&
            (view.until === null || m.createdAt <= view.until) &&
            (beforeSeq === null || m.seq < beforeSeq),
        )
        .sort((a, b) => b.seq - a.seq)
        .slice(0, limit)
        .map((m) => messageRecord(state, m));
    },
    async heldCount(k) {
      return ofPair(k, 'held').length;
    },
    async releaseHeld(k, at) {
      const held = ofPair(k, 'held');
      for (const m of held)
        Object.assign(m, {
          status: 'queued',
          holdReason: null,
          updatedAt: now(),
          releasedAt: new Date(at.getTime() + (m.sendAfterSeq ? 1 : 0)),
        });
      return held.map((m) => m.id);
    },
    async putBehind(k, seq) {
      for (const m of ofPair(k, 'held')) if (m.seq < seq) m.sendAfterSeq = seq;
    },
    async nextQueued(k) {
      return one(ofPair(k, 'queued').sort(sendOrder)[0]);
    },
    async transition(id, from, to, patch = {}) {
      const m = find(id);
      if (!m || !from.includes(m.status)) return false;
      m.status = to;
      if (patch.providerMessageId) m.providerMessageId = patch.providerMessageId;
      if (patch.error === null) m.error = null;
      else if (patch.error) m.error = copy(patch.error);
      if (patch.sentText) m.sentText = patch.sentText;
      m.updatedAt = now();
      return true;
    },
    async holdAgain(id, from, error) {
      const m = find(id);
      if (!m || !from.includes(m.status)) return false;
      Object.assign(m, { status: 'held', holdReason: 'window', providerMessageId: null, updatedAt: now() });
      if (error) m.error = copy(error);
      return true;
    },
  };
}

export function fakeStatuses(state: State): StatusesPort {
  return {
    async record(s) {
      const seen = state.statuses.some(
        (r) =>
          r.tenantId === s.tenantId && r.providerMessageId === s.providerMessageId && r.status === s.status,
      );
      if (seen) return false;
      state.statuses.push(copy(s));
      return true;
    },
    async attemptFailed(tenantId, providerMessageId) {
      return state.statuses.some(
        (r) => r.tenantId === tenantId && r.providerMessageId === providerMessageId && r.status === 'failed',
      );
    },
  };
}
