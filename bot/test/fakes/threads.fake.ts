import { MAX_THREAD_MEMBERS } from '@bridgeline/shared';
import {
  StoreRefusal,
  type ParticipantsPort,
  type ParticipationRecord,
  type RejoinPort,
  type RejoinRequestRecord,
  type ThreadsPort,
} from '../../src/ports/index.js';
import { copy, nextId, samePair, type ParticipationRow, type RejoinRow, type State } from './state.js';
import { fakeSummaries } from './thread-summaries.fake.js';

const strip = ({ createdBy: _by, closedAt: _at, ...t }: State['threads'][number]) => copy(t);
const later = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

export function fakeThreads(state: State): ThreadsPort {
  const find = (tenantId: string, id: string) =>
    state.threads.find((t) => t.tenantId === tenantId && t.id === id);
  return {
    async byId(tenantId, id) {
      const t = find(tenantId, id);
      return t ? strip(t) : null;
    },
    async lock(tenantId, id) {
      const t = find(tenantId, id);
      return t ? strip(t) : null;
    },
    async create(i) {
      const row = {
        id: nextId(state),
        tenantId: i.tenantId,
        businessNumberId: i.businessNumberId,
        contactId: i.contactId,
        channel: i.channel,
        region: i.region,
        state: 'open' as const,
        unassigned: i.unassigned,
        createdAt: i.createdAt,
        lastActivityAt: i.createdAt,
        lastMessageId: null,
        createdBy: i.createdBy,
        closedAt: null,
      };
      state.threads.push(row);
      return strip(row);
    },
    async openForPair(k) {
      return state.threads
        .filter((t) => samePair(t, k) && t.state === 'open')
        .sort((a, b) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime())
        .map(strip);
    },
    async byProviderMessageId(tenantId, providerMessageId) {
      const m = state.messages.find((r) => r.providerMessageId === providerMessageId);
      const t = m && find(tenantId, m.threadId);
      return t ? strip(t) : null;
    },
    async close(tenantId, id, at) {
      const t = find(tenantId, id);
      if (!t || t.state !== 'open') return false;
      Object.assign(t, { state: 'closed', closedAt: at, unassigned: false });
      return true;
    },
    async claim(tenantId, id) {
      const t = find(tenantId, id);
      if (!t || !t.unassigned || t.state !== 'open') return false;
      t.unassigned = false;
      return true;
    },
    async touch(tenantId, id, at, lastMessageId) {
      const t = find(tenantId, id);
      if (!t) return;
      t.lastActivityAt = later(t.lastActivityAt, at);
      t.lastMessageId = lastMessageId;
      const inbound = state.messages.find((m) => m.id === lastMessageId)?.direction === 'in';
      for (const p of state.participants.filter((r) => r.threadId === id && r.leftAt === null)) {
        p.lastActivityAt = later(p.lastActivityAt, at);
        if (inbound) p.unreadCount += 1;
      }
    },
    ...fakeSummaries(state),
  };
}

export function participationOf(state: State, p: ParticipationRow): ParticipationRecord {
  const { tenantId: _t, lastActivityAt: _a, ...rest } = p;
  const name = state.members.find((m) => m.id === p.memberId)?.displayName ?? '';
  return copy({ ...rest, displayName: name });
}

export function fakeParticipants(state: State): ParticipantsPort {
  const byJoin = (a: ParticipationRow, b: ParticipationRow) =>
    a.joinedAt.getTime() - b.joinedAt.getTime() || a.id.localeCompare(b.id);
  const activeRows = (threadId: string) =>
    state.participants.filter((p) => p.threadId === threadId && p.leftAt === null);
  return {
    async active(threadId) {
      return activeRows(threadId)
        .sort(byJoin)
        .map((p) => participationOf(state, p));
    },
    async ofMember(threadId, memberId) {
      return state.participants
        .filter((p) => p.threadId === threadId && p.memberId === memberId)
        .sort(byJoin)
        .map((p) => participationOf(state, p));
    },
    async join(i) {
      const thread = state.threads.find((t) => t.tenantId === i.tenantId && t.id === i.threadId);
      if (!thread) return; // INSERT … SELECT FROM threads: nothing when the thread is not the tenant's.
      if (!state.members.some((m) => m.tenantId === i.tenantId && m.id === i.memberId))
        throw new Error('thread_members_member_fkey');
      if (i.historyFrom > i.joinedAt) throw new Error('history_from <= joined_at');
      // The database's trigger: at most 10 active members, whatever the code checked before.
      if (activeRows(i.threadId).length >= MAX_THREAD_MEMBERS) throw new StoreRefusal('thread_full');
      if (activeRows(i.threadId).some((p) => p.memberId === i.memberId))
        throw new Error('thread_members_active_key');
      state.participants.push({
        id: nextId(state),
        tenantId: i.tenantId,
        threadId: i.threadId,
        memberId: i.memberId,
        joinedAt: i.joinedAt,
        historyFrom: i.historyFrom,
        leftAt: null,
        lastReadSeq: 0,
        unreadCount: 0,
        lastActivityAt: thread.lastActivityAt,
      });
    },
    async leave(threadId, memberId, at) {
      const p = activeRows(threadId).find((r) => r.memberId === memberId);
      if (!p) return false;
      p.leftAt = later(at, p.joinedAt);
      return true;
    },
    async markRead(threadId, memberId, upToSeq) {
      const p = activeRows(threadId).find((r) => r.memberId === memberId);
      if (!p) return;
      p.lastReadSeq = Math.max(p.lastReadSeq, upToSeq);
      p.unreadCount = state.messages.filter(
        (m) =>
          m.threadId === threadId &&
          m.direction === 'in' &&
          m.createdAt >= p.joinedAt &&
          m.seq > p.lastReadSeq,
      ).length;
    },
    async leftAt(threadId, at) {
      return state.participants
        .filter((p) => p.threadId === threadId && p.leftAt?.getTime() === at.getTime())
        .map((p) => p.memberId);
    },
  };
}

export function fakeRejoin(state: State): RejoinPort {
  const present = (r: RejoinRow): RejoinRequestRecord => {
    const { decidedBy: _by, decidedAt: _at, ...rest } = r;
    return copy({ ...rest, displayName: state.members.find((m) => m.id === r.memberId)?.displayName ?? '' });
  };
  return {
    async create(i) {
      if (
        state.rejoin.some(
          (r) => r.threadId === i.threadId && r.memberId === i.memberId && r.state === 'pending',
        )
      )
        throw new Error('rejoin_requests_pending_key');
      const row: RejoinRow = {
        id: nextId(state),
        tenantId: i.tenantId,
        threadId: i.threadId,
        memberId: i.memberId,
        state: 'pending',
        createdAt: i.at,
        decidedBy: null,
        decidedAt: null,
      };
      state.rejoin.push(row);
      return present(row);
    },
    async byId(tenantId, id) {
      const r = state.rejoin.find((x) => x.tenantId === tenantId && x.id === id);
      return r ? present(r) : null;
    },
    async pending(threadId) {
      return state.rejoin.filter((r) => r.threadId === threadId && r.state === 'pending').map(present);
    },
    async decide(id, decision, by, at) {
      const r = state.rejoin.find((x) => x.id === id);
      if (!r || r.state !== 'pending') return false;
      Object.assign(r, { state: decision, decidedBy: by, decidedAt: at });
      return true;
    },
  };
}
