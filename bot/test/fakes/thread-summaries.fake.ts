import type {
  PageEntry,
  PagedSummary,
  ThreadListFilter,
  ThreadSummary,
  ThreadsPort,
} from '../../src/ports/index.js';
import { messageRecord } from './messages.fake.js';
import { copy, samePair, type State } from './state.js';
import { participationOf } from './threads.fake.js';

/** The inbox's reads (one query each in the repository): pages of threads and what the inbox shows about each. */
export function fakeSummaries(state: State): Pick<ThreadsPort, 'inbox' | 'unassigned' | 'summaries'> {
  const summary = (tenantId: string, entry: PageEntry): ThreadSummary | null => {
    const row = state.threads.find((t) => t.tenantId === tenantId && t.id === entry.threadId);
    const contact = row && state.contacts.find((c) => c.id === row.contactId);
    if (!row || !contact) return null;
    const { createdBy: _by, closedAt: _at, ...thread } = row;
    const pair = state.pairs.find((p) => samePair(p, thread)) ?? {
      tenantId: thread.tenantId,
      businessNumberId: thread.businessNumberId,
      contactId: thread.contactId,
      consent: 'none' as const,
      reachability: 'ok' as const,
      lastRequestedAt: null,
      lastInboundAt: null,
      resumeRequestedAt: null,
    };
    const members = state.participants
      .filter((p) => p.threadId === thread.id && p.leftAt === null)
      .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || a.id.localeCompare(b.id))
      .map((p) => participationOf(state, p))
      .map(({ memberId, displayName, joinedAt, historyFrom }) => ({
        memberId,
        displayName,
        joinedAt,
        historyFrom,
      }));
    const last = state.messages.find(
      (m) => m.id === thread.lastMessageId && m.createdAt >= entry.historyFrom,
    );
    return {
      thread: copy(thread),
      contact: copy(contact),
      pair: copy(pair),
      members,
      heldCount: state.messages.filter((m) => samePair(m, thread) && m.status === 'held').length,
      unreadCount: entry.unreadCount,
      lastMessage: last ? messageRecord(state, last) : null,
    };
  };
  const newestFirst = (a: PageEntry, b: PageEntry) =>
    b.sortAt.getTime() - a.sortAt.getTime() || b.threadId.localeCompare(a.threadId);
  const page = (tenantId: string, entries: PageEntry[], f: ThreadListFilter): PagedSummary[] => {
    const q = f.query?.trim().toLowerCase();
    return entries
      .filter((e) => {
        const t = state.threads.find((r) => r.id === e.threadId)!;
        const c = state.contacts.find((r) => r.id === t.contactId);
        if (f.channel && t.channel !== f.channel) return false;
        if (q && !(c?.displayName ?? '').toLowerCase().includes(q) && !(c?.phoneE164 ?? '').includes(q))
          return false;
        if (f.after) {
          const at = f.after.lastActivityAt.getTime();
          const before =
            e.sortAt.getTime() < at || (e.sortAt.getTime() === at && e.threadId < f.after.threadId);
          if (!before) return false;
        }
        return true;
      })
      .sort(newestFirst)
      .slice(0, Math.min(Math.max(Math.trunc(f.limit), 1), 100))
      .flatMap((e) => {
        const s = summary(tenantId, e);
        return s ? [{ ...s, sortAt: e.sortAt }] : [];
      });
  };
  return {
    async inbox(tenantId, memberId, f) {
      const mine = state.participants.filter((p) => p.tenantId === tenantId && p.memberId === memberId);
      if (f.state === 'left' || f.state === 'closed') {
        const wanted = f.state === 'left' ? 'open' : 'closed';
        const entries = state.threads
          .filter((t) => t.tenantId === tenantId && t.state === wanted)
          .filter(
            (t) =>
              mine.some((p) => p.threadId === t.id) && !mine.some((p) => p.threadId === t.id && !p.leftAt),
          )
          .map((t) => ({
            threadId: t.id,
            unreadCount: 0,
            historyFrom: new Date(
              Math.min(...mine.filter((p) => p.threadId === t.id).map((p) => p.historyFrom.getTime())),
            ),
            sortAt: t.lastActivityAt,
          }));
        return page(tenantId, entries, f);
      }
      const entries = mine
        .filter((p) => p.leftAt === null)
        .map((p) => ({
          threadId: p.threadId,
          unreadCount: p.unreadCount,
          historyFrom: p.historyFrom,
          sortAt: p.lastActivityAt,
        }));
      return page(tenantId, entries, f);
    },
    async unassigned(tenantId, region, f) {
      const entries = state.threads
        .filter((t) => t.tenantId === tenantId && t.region === region && t.unassigned && t.state === 'open')
        .map((t) => ({ threadId: t.id, unreadCount: 0, historyFrom: t.createdAt, sortAt: t.lastActivityAt }));
      return page(tenantId, entries, f);
    },
    async summaries(tenantId, entries) {
      return [...entries].sort(newestFirst).flatMap((e) => summary(tenantId, e) ?? []);
    },
  };
}
