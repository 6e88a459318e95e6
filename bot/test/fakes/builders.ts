import type {
  BusinessNumberRecord,
  ContactRecord,
  MediaRecord,
  MemberRecord,
  MessageRecord,
  PairKey,
  PairRecord,
  TemplateRecord,
  ThreadRecord,
} from '../../src/ports/index.js';
import { HOUR } from './clock.js';
import { messageRecord } from './messages.fake.js';
import { nextId, samePair, type MessageRow, type State } from './state.js';
import type { InMemoryStore } from './store.js';

/**
 * Test data, written straight into the in-memory tables, with overrides (`aMember(w, { region: 'eu' })`). Each
 * builder answers the record as the ports would.
 */
type World = Pick<InMemoryStore, 'state' | 'clock'>;

export function aTenant(w: World, over: { name?: string } = {}) {
  const row = { id: nextId(w.state), name: over.name ?? 'Contoso', enabled: true, aadTenantId: null };
  w.state.tenants.push(row);
  return row;
}

let names = 0;
export function aMember(
  w: World,
  tenantId: string,
  over: Partial<Omit<MemberRecord, 'id' | 'tenantId'>> = {},
) {
  names += 1;
  const row: MemberRecord = {
    id: nextId(w.state),
    tenantId,
    email: `member${names}@contoso.test`,
    displayName: `Member ${names}`,
    aadObjectId: null,
    region: 'us',
    enabled: true,
    isAdmin: false,
    smsNumberId: null,
    smsNumber: null,
    ...over,
  };
  if (over.smsNumberId) {
    const n = w.state.numbers.find((r) => r.id === over.smsNumberId);
    row.smsNumber = n ? `+${n.displayPhone.replace(/[^0-9]/g, '')}` : null;
  }
  w.state.members.push(row);
  return structuredClone(row);
}

export function aNumber(
  w: World,
  tenantId: string,
  over: Partial<Omit<BusinessNumberRecord, 'id' | 'tenantId'>> & { wabaId?: string | null } = {},
): BusinessNumberRecord {
  const { wabaId = 'waba-1', ...rest } = over;
  const row = {
    id: nextId(w.state),
    tenantId,
    channel: 'whatsapp' as const,
    providerNumberId: `pn-${w.state.counters.id}`,
    displayPhone: '+1 555 0100',
    region: 'us' as const,
    ...rest,
    wabaId,
  };
  w.state.numbers.push(row);
  const { wabaId: _w, ...record } = row;
  return structuredClone(record);
}

export function aContact(
  w: World,
  tenantId: string,
  over: Partial<Omit<ContactRecord, 'id' | 'tenantId'>> = {},
) {
  const row: ContactRecord = {
    id: nextId(w.state),
    tenantId,
    displayName: 'Dana Whitfield',
    phoneE164: '+14155550123',
    waId: '14155550123',
    bsuid: null,
    username: null,
    createdAt: w.clock.now(),
    ...over,
  };
  w.state.contacts.push(row);
  return structuredClone(row);
}

export function aPair(
  w: World,
  key: PairKey,
  over: Partial<Omit<PairRecord, keyof PairKey>> = {},
): PairRecord {
  const existing = w.state.pairs.find((p) => samePair(p, key));
  const row: PairRecord = {
    tenantId: key.tenantId,
    businessNumberId: key.businessNumberId,
    contactId: key.contactId,
    consent: 'none',
    reachability: 'ok',
    lastRequestedAt: null,
    lastInboundAt: null,
    resumeRequestedAt: null,
    ...over,
  };
  if (existing) Object.assign(existing, row);
  else w.state.pairs.push(row);
  return structuredClone(row);
}

export function aThread(
  w: World,
  key: PairKey,
  over: Partial<Omit<ThreadRecord, 'id' | keyof PairKey>> & {
    members?: { id: string; joinedAt?: Date; historyFrom?: Date; leftAt?: Date | null }[];
  } = {},
): ThreadRecord {
  const { members = [], ...rest } = over;
  const createdAt = rest.createdAt ?? w.clock.now();
  const row = {
    id: nextId(w.state),
    tenantId: key.tenantId,
    businessNumberId: key.businessNumberId,
    contactId: key.contactId,
    channel: 'whatsapp' as const,
    region: 'us' as const,
    state: 'open' as const,
    unassigned: false,
    createdAt,
    lastActivityAt: createdAt,
    lastMessageId: null,
    createdBy: null,
    closedAt: null,
    ...rest,
  };
  w.state.threads.push(row);
  for (const m of members)
    w.state.participants.push({
      id: nextId(w.state),
      tenantId: key.tenantId,
      threadId: row.id,
      memberId: m.id,
      joinedAt: m.joinedAt ?? createdAt,
      historyFrom: m.historyFrom ?? m.joinedAt ?? createdAt,
      leftAt: m.leftAt ?? null,
      lastReadSeq: 0,
      unreadCount: 0,
      lastActivityAt: createdAt,
    });
  const { createdBy: _b, closedAt: _c, ...record } = row;
  return structuredClone(record);
}

export function aMessage(
  w: World,
  thread: ThreadRecord,
  over: Partial<Omit<MessageRow, 'id' | 'seq'>> = {},
): MessageRecord {
  w.state.counters.seq += 1;
  const now = w.clock.now();
  const row: MessageRow = {
    id: nextId(w.state),
    seq: w.state.counters.seq,
    tenantId: thread.tenantId,
    threadId: thread.id,
    businessNumberId: thread.businessNumberId,
    contactId: thread.contactId,
    direction: 'out',
    type: 'text',
    text: 'Hello',
    sentText: null,
    mediaId: null,
    template: null,
    senderMemberId: null,
    clientMessageId: null,
    status: 'queued',
    holdReason: null,
    error: null,
    providerMessageId: null,
    replyToProviderId: null,
    providerTimestamp: null,
    noticeKind: null,
    noticeParams: null,
    createdAt: now,
    sendAfterSeq: null,
    sendingAt: null,
    readReceiptAt: null,
    updatedAt: now,
    ...over,
  };
  w.state.messages.push(row);
  return messageRecord(w.state, row);
}

export function aMedia(w: World, tenantId: string, over: Partial<Omit<MediaRecord, 'id' | 'tenantId'>> = {}) {
  const row: MediaRecord = {
    id: nextId(w.state),
    tenantId,
    direction: 'out',
    state: 'stored',
    providerMediaId: null,
    businessNumberId: null,
    uploadedBy: null,
    mimeType: 'image/png',
    sizeBytes: 4,
    sha256: 'abc',
    storageKey: `${tenantId}/abc`,
    error: null,
    createdAt: w.clock.now(),
    ...over,
  };
  w.state.media.push(row);
  return structuredClone(row);
}

export function aTemplate(w: World, tenantId: string, over: Partial<Omit<TemplateRecord, 'tenantId'>> = {}) {
  const row = {
    tenantId,
    wabaId: 'waba-1',
    name: 'order_update',
    language: 'en',
    providerTemplateId: 't-1',
    category: 'UTILITY',
    status: 'APPROVED',
    quality: null,
    body: 'Your order {{1}} is on its way.',
    parameterCount: 1,
    quickReplies: [],
    updatedAt: w.clock.now(),
    reason: null,
    ...over,
  };
  w.state.templates.push(row);
  return row;
}

/**
 * The usual scene: tenant Contoso, Alice (us, enabled) and Bob, a US WhatsApp number, the contact Dana, and a
 * thread of Alice's with Dana whose pair is opted in with the window open (unless told otherwise).
 */
export function aConversation(
  w: World,
  over: {
    pair?: Partial<Omit<PairRecord, keyof PairKey>>;
    thread?: Parameters<typeof aThread>[2];
    channel?: BusinessNumberRecord['channel'];
  } = {},
) {
  const tenant = aTenant(w);
  const number = aNumber(w, tenant.id, { channel: over.channel ?? 'whatsapp' });
  // Alice has an SMS number (the thread's own, on an SMS thread): the fallback to SMS is open to her.
  const sms =
    number.channel === 'sms'
      ? number
      : aNumber(w, tenant.id, {
          channel: 'sms',
          providerNumberId: '+15550100001',
          displayPhone: '+1 555 010 0001',
        });
  const alice = aMember(w, tenant.id, { displayName: 'Alice Johnson', smsNumberId: sms.id });
  const bob = aMember(w, tenant.id, { displayName: 'Bob Smith' });
  const contact = aContact(w, tenant.id);
  const key = { tenantId: tenant.id, businessNumberId: number.id, contactId: contact.id };
  const pair = aPair(w, key, {
    consent: 'opted_in',
    lastInboundAt: new Date(w.clock.now().getTime() - HOUR),
    ...over.pair,
  });
  const thread = aThread(w, key, {
    channel: over.channel ?? 'whatsapp',
    members: [{ id: alice.id }],
    ...over.thread,
  });
  return { tenant, alice, bob, number, contact, key, pair, thread };
}

/** What a test reads back: the rows of the in-memory tables. */
export const rows = {
  messagesOf: (state: State, threadId: string) =>
    state.messages.filter((m) => m.threadId === threadId).map((m) => messageRecord(state, m)),
  message: (state: State, id: string) => {
    const m = state.messages.find((r) => r.id === id);
    return m ? messageRecord(state, m) : undefined;
  },
  pair: (state: State, key: PairKey) => state.pairs.find((p) => samePair(p, key)),
  jobs: <N extends State['jobs'][number]['name']>(state: State, name: N) =>
    state.jobs.filter((j): j is Extract<State['jobs'][number], { name: N }> => j.name === name),
  eventTypes: (state: State) => state.events.map((e) => e.type),
  activeMembers: (state: State, threadId: string) =>
    state.participants.filter((p) => p.threadId === threadId && p.leftAt === null).map((p) => p.memberId),
};
