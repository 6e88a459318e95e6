import type {
  ArchiveSettings,
  ArchiveSettingsPort,
  ComplianceStore,
  LegalHoldRecord,
  LegalHoldsPort,
  RetentionCandidate,
  RetentionPort,
  Store,
  UnitOfWork,
} from '../../src/ports/index.js';
import type { AppContext } from '../../src/app/context.js';
import { DEFAULT_RETENTION_DAYS, type LegalHoldScope } from '../../src/domain/archive/index.js';
import { testClock, type TestClock } from './clock.js';
import { copy, nextId, type State } from './state.js';
import { inMemoryStore, TEST_TEMPLATES, type InMemoryStore } from './store.js';

/**
 * In-memory fakes of the compliance ports that retention and legal hold use (archive settings, legal holds, the
 * retention statements), over the core's in-memory tables plus a few of their own. `records` stands for the archive
 * chain as far as retention sees it: which seq carries content of which message.
 */
export interface FakeArchiveRecord {
  seq: number;
  tenantId: string;
  messageId: string | null;
  answerProviderMessageId?: string | null;
  /** The record has words now. */
  content: boolean;
  /** The record was sealed with a content digest (it had words once). */
  digest: boolean;
}

export interface HoldRow {
  id: string;
  tenantId: string;
  scope: LegalHoldScope;
  targetId: string;
  reason: string;
  createdBy: string;
  createdAt: Date;
  releasedAt: Date | null;
  releasedBy: string | null;
}

export interface ComplianceRows {
  settings: ArchiveSettings[];
  holds: HoldRow[];
  records: FakeArchiveRecord[];
  /** Message id → when retention removed its content. */
  purgedMessages: Record<string, string>;
  /** Purged media whose bytes were dealt with. */
  bytesReleased: string[];
  /** Tenants whose hold lock was taken, in order. */
  locks: string[];
}

export type FakeComplianceStore = Store &
  Pick<ComplianceStore, 'archiveSettings' | 'legalHolds' | 'retention'>;

export interface FakeComplianceWorld extends Omit<InMemoryStore, 'uow'> {
  rows: ComplianceRows;
  uow: UnitOfWork<FakeComplianceStore>;
  ctx: AppContext<FakeComplianceStore>;
}

export function fakeComplianceWorld(options: { clock?: TestClock } = {}): FakeComplianceWorld {
  const base = inMemoryStore({ clock: options.clock ?? testClock() });
  const rows: ComplianceRows = {
    settings: [],
    holds: [],
    records: [],
    purgedMessages: {},
    bytesReleased: [],
    locks: [],
  };
  const over = (store: Store): FakeComplianceStore => ({
    ...store,
    archiveSettings: fakeArchiveSettings(rows),
    legalHolds: fakeLegalHolds(base.state, rows),
    retention: fakeRetention(base.state, rows),
  });
  const uow: UnitOfWork<FakeComplianceStore> = {
    async run(work) {
      const snapshot = structuredClone(rows);
      try {
        return await base.uow.run((store) => work(over(store)));
      } catch (error) {
        Object.assign(rows, snapshot);
        throw error;
      }
    },
    read: (work) => base.uow.read((store) => work(over(store))),
  };
  return { ...base, rows, uow, ctx: { uow, clock: base.clock, templates: TEST_TEMPLATES } };
}

function fakeArchiveSettings(rows: ComplianceRows): ArchiveSettingsPort {
  const ensure = (tenantId: string) => {
    let row = rows.settings.find((s) => s.tenantId === tenantId);
    if (!row) {
      row = {
        tenantId,
        retentionDays: DEFAULT_RETENTION_DAYS,
        journalEnabled: true,
        lastVerifiedAt: null,
        lastVerify: null,
      };
      rows.settings.push(row);
    }
    return row;
  };
  return {
    async get(tenantId) {
      return copy(ensure(tenantId));
    },
    async update(tenantId, patch) {
      const row = ensure(tenantId);
      if (patch.retentionDays !== undefined) row.retentionDays = patch.retentionDays;
      if (patch.journalEnabled !== undefined) row.journalEnabled = patch.journalEnabled;
      return copy(row);
    },
    async recordVerify(tenantId, at, outcome) {
      Object.assign(ensure(tenantId), { lastVerifiedAt: at, lastVerify: outcome });
    },
  };
}

function fakeLegalHolds(state: State, rows: ComplianceRows): LegalHoldsPort {
  const member = (tenantId: string, id: string | null) => {
    const m = id ? state.members.find((r) => r.tenantId === tenantId && r.id === id) : undefined;
    return m ? { id: m.id, displayName: m.displayName } : null;
  };
  const labelOf = (h: HoldRow): string => {
    const contact = (id: string) => {
      const c = state.contacts.find((r) => r.tenantId === h.tenantId && r.id === id);
      return c ? (c.displayName ?? c.phoneE164 ?? c.username) : null;
    };
    if (h.scope === 'contact') return contact(h.targetId) ?? h.targetId;
    if (h.scope === 'member') return member(h.tenantId, h.targetId)?.displayName ?? h.targetId;
    const t = state.threads.find((r) => r.tenantId === h.tenantId && r.id === h.targetId);
    return t ? `Conversation with ${contact(t.contactId) ?? 'a contact'}` : h.targetId;
  };
  const recordOf = (h: HoldRow): LegalHoldRecord => ({
    id: h.id,
    tenantId: h.tenantId,
    scope: h.scope,
    targetId: h.targetId,
    targetLabel: labelOf(h),
    reason: h.reason,
    createdBy: member(h.tenantId, h.createdBy)!,
    createdAt: new Date(h.createdAt),
    releasedAt: h.releasedAt ? new Date(h.releasedAt) : null,
    releasedBy: member(h.tenantId, h.releasedBy),
  });
  const find = (tenantId: string, id: string) =>
    rows.holds.find((h) => h.tenantId === tenantId && h.id === id);
  return {
    async create(hold) {
      const row: HoldRow = { ...copy(hold), id: nextId(state), releasedAt: null, releasedBy: null };
      rows.holds.push(row);
      return recordOf(row);
    },
    async byId(tenantId, id) {
      const h = find(tenantId, id);
      return h ? recordOf(h) : null;
    },
    async list(tenantId, options) {
      return rows.holds
        .filter((h) => h.tenantId === tenantId && (options.includeReleased || h.releasedAt === null))
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .map(recordOf);
    },
    async release(tenantId, id, by, at) {
      const h = find(tenantId, id);
      if (!h || h.releasedAt) return null;
      Object.assign(h, { releasedAt: at, releasedBy: by });
      return recordOf(h);
    },
    async active(tenantId) {
      return rows.holds
        .filter((h) => h.tenantId === tenantId && h.releasedAt === null)
        .map((h) => ({ scope: h.scope, targetId: h.targetId }));
    },
    async lock(tenantId) {
      rows.locks.push(tenantId);
    },
  };
}

const AWAITING = new Set(['held', 'queued', 'sending']);

function fakeRetention(state: State, rows: ComplianceRows): RetentionPort {
  const cursorOf = (m: { createdAt: Date; id: string }) => `${m.createdAt.toISOString()}|${m.id}`;
  return {
    async tenants() {
      return state.tenants.map((t) => t.id).sort();
    },
    async candidates(tenantId, before, after, limit) {
      return state.messages
        .filter((m) => m.tenantId === tenantId && !rows.purgedMessages[m.id] && m.createdAt < before)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
        .filter((m) => after === null || cursorOf(m) > after)
        .slice(0, limit)
        .map((m): RetentionCandidate => ({
          id: m.id,
          cursor: cursorOf(m),
          createdAt: new Date(m.createdAt),
          contactId: m.contactId,
          threadId: m.threadId,
          senderMemberId: m.senderMemberId,
          participantIds: [
            ...new Set(state.participants.filter((p) => p.threadId === m.threadId).map((p) => p.memberId)),
          ],
          awaitingDelivery: AWAITING.has(m.status),
        }));
    },
    async purge(tenantId, messageIds, at) {
      const messages = state.messages.filter(
        (m) =>
          m.tenantId === tenantId &&
          messageIds.includes(m.id) &&
          !rows.purgedMessages[m.id] &&
          !AWAITING.has(m.status),
      );
      for (const m of messages) {
        Object.assign(m, { text: null, sentText: null });
        if (m.template) m.template = { ...m.template, parameters: [] };
        rows.purgedMessages[m.id] = at.toISOString();
      }
      const stillShown = (mediaId: string) =>
        state.messages.some((m) => m.mediaId === mediaId && !rows.purgedMessages[m.id]);
      const media = state.media.filter(
        (md) =>
          md.tenantId === tenantId &&
          messages.some((m) => m.mediaId === md.id) &&
          md.state !== 'purged' &&
          !stillShown(md.id),
      );
      for (const md of media) md.state = 'purged';
      const ids = new Set(messages.map((m) => m.id));
      const answers = new Set(
        messages.flatMap((m) => (m.direction === 'in' && m.providerMessageId ? [m.providerMessageId] : [])),
      );
      const purged = rows.records.filter(
        (r) =>
          r.tenantId === tenantId &&
          r.content &&
          ((r.messageId !== null && ids.has(r.messageId)) ||
            (r.answerProviderMessageId != null && answers.has(r.answerProviderMessageId))),
      );
      for (const r of purged) r.content = false;
      return {
        messages: messages.length,
        media: media.length,
        records: purged.length,
        ranges: rangesOf(rows, tenantId, purged),
      };
    },
    async mediaBytesDue(tenantId, limit) {
      return state.media
        .filter(
          (md) => md.tenantId === tenantId && md.state === 'purged' && !rows.bytesReleased.includes(md.id),
        )
        .slice(0, limit)
        .map((md) => ({
          id: md.id,
          storageKey: md.storageKey,
          shared: state.media.some(
            (o) => o.tenantId === tenantId && o.state !== 'purged' && o.storageKey === md.storageKey,
          ),
        }));
    },
    async mediaBytesDeleted(_tenantId, ids) {
      rows.bytesReleased.push(...ids);
    },
  };
}

/** The repository's rule: purged seqs form one range unless a record whose content stays lies between them. */
function rangesOf(rows: ComplianceRows, tenantId: string, purged: FakeArchiveRecord[]): [number, number][] {
  const seqs = purged.map((r) => r.seq).sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const seq of seqs) {
    const last = ranges[ranges.length - 1];
    const split =
      !last ||
      rows.records.some(
        (r) => r.tenantId === tenantId && r.content && r.digest && r.seq > last[1] && r.seq < seq,
      );
    if (split) ranges.push([seq, seq]);
    else last[1] = seq;
  }
  return ranges;
}
