import type {
  ArchiveExport,
  ArchiveHealth,
  Contact,
  LegalHold,
  Me,
  Message,
  Thread,
} from '@bridgeline/shared';

let seq = 0;
const id = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
const at = (minutesAgo = 0) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

export const ME_ID = '00000000-0000-4000-8000-00000000a11c';

export function aMe(overrides: Partial<Me> = {}): Me {
  return {
    id: ME_ID,
    email: 'alice@contoso.test',
    displayName: 'Alice',
    tenantId: '00000000-0000-4000-8000-0000000000c0',
    aadObjectId: null,
    region: 'us',
    enabled: true,
    isAdmin: false,
    ...overrides,
  };
}

export function aContact(overrides: Partial<Contact> = {}): Contact {
  return {
    id: id(),
    displayName: 'Dana Client',
    phone: '+447700900123',
    waId: null,
    username: null,
    createdAt: at(600),
    ...overrides,
  };
}

export function aThread(overrides: Partial<Thread> = {}): Thread {
  return {
    id: id(),
    channel: 'whatsapp',
    state: 'open',
    unassigned: false,
    region: 'us',
    contact: aContact(),
    members: [{ memberId: ME_ID, displayName: 'Alice', joinedAt: at(600), historyFrom: at(600) }],
    consent: 'opted_in',
    reachability: 'ok',
    window: { open: true, closesAt: new Date(Date.now() + 5 * 3600_000 + 12 * 60_000).toISOString() },
    heldCount: 0,
    lastMessage: null,
    unreadCount: 0,
    canResendOptIn: false,
    createdAt: at(600),
    updatedAt: at(1),
    ...overrides,
  };
}

export function aMessage(overrides: Partial<Message> = {}): Message {
  return {
    id: id(),
    threadId: id(),
    direction: 'out',
    type: 'text',
    text: 'Hello',
    status: 'sent',
    createdAt: at(5),
    ...overrides,
  };
}

export const HEAD = 'ab12cd34ef56'.padEnd(64, '0');

export function anArchiveHealth(overrides: Partial<ArchiveHealth> = {}): ArchiveHealth {
  return {
    records: 1204,
    head: HEAD,
    checkpoint: { seq: 1200, at: at(30) },
    lastVerify: null,
    retentionDays: 2192,
    sinks: [],
    ...overrides,
  };
}

export function anExport(overrides: Partial<ArchiveExport> = {}): ArchiveExport {
  return {
    id: id(),
    status: 'done',
    format: 'jsonl',
    from: at(30 * 24 * 60),
    to: at(0),
    threadId: null,
    contactId: null,
    memberId: null,
    counts: { records: 100, total: 100, messages: 40, files: 1 },
    error: null,
    createdAt: at(5),
    finishedAt: at(4),
    expiresAt: null,
    expiredAt: null,
    ...overrides,
  };
}

export function aLegalHold(overrides: Partial<LegalHold> = {}): LegalHold {
  return {
    id: id(),
    scope: 'contact',
    targetId: id(),
    targetLabel: 'Dana Client',
    reason: 'SEC inquiry 2025-17',
    createdBy: { id: ME_ID, displayName: 'Alice' },
    createdAt: at(60),
    releasedAt: null,
    releasedBy: null,
    ...overrides,
  };
}
