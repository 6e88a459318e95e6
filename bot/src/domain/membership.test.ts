import { describe, expect, it } from 'vitest';
import {
  canSeeMessage,
  decideAdd,
  decideClaim,
  decideLeave,
  decideRejoinApproval,
  decideRejoinDecline,
  decideRejoinRequest,
  decideRemove,
  decideTransfer,
  type Participation,
  type Person,
  type ThreadFacts,
} from './membership.js';
import { textForContact } from './outbound-text.js';

const created = new Date('2026-03-01T09:00:00Z');
const now = new Date('2026-03-01T12:00:00Z');
const thread = (over: Partial<ThreadFacts> = {}): ThreadFacts => ({
  state: 'open',
  region: 'us',
  unassigned: false,
  createdAt: created,
  ...over,
});
const person = (id: string, over: Partial<Person> = {}): Person => ({
  id,
  region: 'us',
  enabled: true,
  ...over,
});
const members = (n: number): Participation[] =>
  Array.from({ length: n }, (_, i) => ({ memberId: `m${i}`, joinedAt: created, historyFrom: created }));

describe('group threads', () => {
  it('adds a member who sees earlier messages when history is shared', () => {
    const d = decideAdd({
      thread: thread(),
      active: members(1),
      actorId: 'm0',
      candidate: person('x'),
      shareHistory: true,
      now,
    });
    expect(d).toEqual({ ok: true, joining: { memberId: 'x', joinedAt: now, historyFrom: created } });
  });

  it('adds a member who sees only messages from the moment they joined when history is not shared', () => {
    const d = decideAdd({
      thread: thread(),
      active: members(1),
      actorId: 'm0',
      candidate: person('x'),
      shareHistory: false,
      now,
    });
    expect(d).toMatchObject({ ok: true, joining: { historyFrom: now } });
  });

  it('refuses an eleventh member', () => {
    const full = decideAdd({
      thread: thread(),
      active: members(10),
      actorId: 'm0',
      candidate: person('x'),
      shareHistory: false,
      now,
    });
    expect(full).toMatchObject({ ok: false, code: 'thread_full' });
    const nine = decideAdd({
      thread: thread(),
      active: members(9),
      actorId: 'm0',
      candidate: person('x'),
      shareHistory: false,
      now,
    });
    expect(nine.ok).toBe(true);
  });

  it('refuses a member of another region', () => {
    const d = decideAdd({
      thread: thread(),
      active: members(2),
      actorId: 'm0',
      candidate: person('x', { region: 'eu' }),
      shareHistory: false,
      now,
    });
    expect(d).toMatchObject({ code: 'region_mismatch' });
  });

  it('refuses a member who is not enabled', () => {
    const d = decideAdd({
      thread: thread(),
      active: members(2),
      actorId: 'm0',
      candidate: person('x', { enabled: false }),
      shareHistory: false,
      now,
    });
    expect(d).toMatchObject({ code: 'member_not_enabled' });
  });

  it('lets only current members add others', () => {
    const d = decideAdd({
      thread: thread(),
      active: members(2),
      actorId: 'stranger',
      candidate: person('x'),
      shareHistory: false,
      now,
    });
    expect(d).toMatchObject({ code: 'forbidden' });
  });

  it('refuses to add someone who is already a member', () => {
    const d = decideAdd({
      thread: thread(),
      active: members(2),
      actorId: 'm0',
      candidate: person('m1'),
      shareHistory: false,
      now,
    });
    expect(d).toMatchObject({ code: 'already_member' });
  });

  it('closes the thread when the last member leaves', () => {
    expect(decideLeave({ thread: thread(), active: members(1), memberId: 'm0' })).toEqual({
      ok: true,
      closesThread: true,
    });
    expect(decideLeave({ thread: thread(), active: members(2), memberId: 'm0' })).toEqual({
      ok: true,
      closesThread: false,
    });
  });

  it('lets any member remove another member', () => {
    expect(decideRemove({ thread: thread(), active: members(3), actorId: 'm2', targetId: 'm0' })).toEqual({
      ok: true,
      closesThread: false,
    });
    expect(
      decideRemove({ thread: thread(), active: members(3), actorId: 'm2', targetId: 'gone' }),
    ).toMatchObject({
      code: 'not_a_member',
    });
  });

  it('transfers with history shared, also when the thread is full', () => {
    const d = decideTransfer({
      thread: thread(),
      active: members(10),
      actorId: 'm0',
      target: person('x'),
      now,
    });
    expect(d).toEqual({ ok: true, joining: { memberId: 'x', joinedAt: now, historyFrom: created } });
  });

  it('refuses a transfer to a member of another region', () => {
    const d = decideTransfer({
      thread: thread(),
      active: members(1),
      actorId: 'm0',
      target: person('x', { region: 'uk' }),
      now,
    });
    expect(d).toMatchObject({ code: 'region_mismatch' });
  });

  it('lets a member who left ask to rejoin, once at a time', () => {
    const base = { thread: thread(), active: members(2), requester: person('x'), everJoined: true };
    expect(decideRejoinRequest({ ...base, hasPendingRequest: false })).toEqual({ ok: true });
    expect(decideRejoinRequest({ ...base, hasPendingRequest: true })).toMatchObject({
      code: 'rejoin_pending',
    });
    expect(decideRejoinRequest({ ...base, everJoined: false, hasPendingRequest: false })).toMatchObject({
      code: 'forbidden',
    });
  });

  it('brings a rejoining member back with the history they had, once a current member approves', () => {
    const earlier = new Date('2026-03-01T10:00:00Z');
    const d = decideRejoinApproval({
      thread: thread(),
      active: members(2),
      approverId: 'm1',
      requester: person('x'),
      requestState: 'pending',
      previousHistoryFrom: earlier,
      now,
    });
    expect(d).toEqual({ ok: true, joining: { memberId: 'x', joinedAt: now, historyFrom: earlier } });
  });

  it('does not let a decided rejoin request be approved or declined again', () => {
    const base = { thread: thread(), active: members(2), approverId: 'm1' };
    expect(decideRejoinDecline({ ...base, requestState: 'declined' })).toMatchObject({
      code: 'request_decided',
    });
    expect(
      decideRejoinApproval({
        ...base,
        requester: person('x'),
        requestState: 'approved',
        previousHistoryFrom: created,
        now,
      }),
    ).toMatchObject({ code: 'request_decided' });
  });

  it('lets an enabled member of the same region claim an Unassigned thread with its whole history', () => {
    const t = thread({ unassigned: true });
    expect(decideClaim({ thread: t, claimer: person('x'), now })).toEqual({
      ok: true,
      joining: { memberId: 'x', joinedAt: now, historyFrom: created },
    });
    expect(decideClaim({ thread: t, claimer: person('x', { region: 'eu' }), now })).toMatchObject({
      code: 'region_mismatch',
    });
    expect(decideClaim({ thread: thread(), claimer: person('x'), now })).toMatchObject({
      code: 'not_unassigned',
    });
  });

  it('refuses membership changes on a closed thread', () => {
    const d = decideAdd({
      thread: thread({ state: 'closed' }),
      active: members(1),
      actorId: 'm0',
      candidate: person('x'),
      shareHistory: true,
      now,
    });
    expect(d).toMatchObject({ code: 'thread_closed' });
  });

  it('a closed thread takes no rejoin request at all: it says closed, not that a request is pending', () => {
    const d = decideRejoinRequest({
      thread: thread({ state: 'closed' }),
      active: members(1),
      requester: person('x'),
      everJoined: true,
      hasPendingRequest: true,
    });
    expect(d).toMatchObject({ code: 'thread_closed' });
  });

  it('shows a member only messages from their historyFrom on, and none after they left', () => {
    const view = { historyFrom: new Date('2026-03-01T10:00:00Z'), leftAt: new Date('2026-03-01T11:00:00Z') };
    expect(canSeeMessage(view, new Date('2026-03-01T09:59:59Z'))).toBe(false);
    expect(canSeeMessage(view, new Date('2026-03-01T10:30:00Z'))).toBe(true);
    expect(canSeeMessage(view, new Date('2026-03-01T11:00:01Z'))).toBe(false);
  });

  it("prefixes text to the contact with the sender's name only when the thread has more than one member", () => {
    expect(textForContact('Hello', 'Alex', 1)).toBe('Hello');
    expect(textForContact('Hello', 'Alex', 2)).toBe('*Alex:* Hello');
  });
});
