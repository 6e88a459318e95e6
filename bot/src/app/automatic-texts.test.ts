import { describe, expect, it } from 'vitest';
import { aConversation, fakeContext, HOUR, rows } from '../../test/fakes/index.js';
import { tellContact } from './automatic-texts.js';

const tell = (w: ReturnType<typeof fakeContext>, thread: Parameters<typeof tellContact>[2]) =>
  w.uow.run((store) =>
    tellContact(store, w.ctx, thread, 'member_left', { member: 'Bob Smith' }, w.clock.now()),
  );

describe('tellContact', () => {
  it('a line about the people goes out while the window is open', async () => {
    const w = fakeContext();
    const { thread } = aConversation(w);
    expect(await tell(w, thread)).toMatchObject({ status: 'queued', senderMemberId: null });
    expect(rows.jobs(w.state, 'deliver')).toHaveLength(1);
  });

  it('a line about the people waits for the window like a member’s message, without a template of its own', async () => {
    const w = fakeContext();
    const { thread } = aConversation(w, {
      pair: { lastInboundAt: new Date(w.clock.now().getTime() - 25 * HOUR) },
    });
    expect(await tell(w, thread)).toMatchObject({ status: 'held', holdReason: 'window' });
    expect(w.state.messages.filter((m) => m.type === 'template')).toEqual([]);
    expect(rows.jobs(w.state, 'deliver')).toEqual([]);
  });

  it('before the contact opted in, lines about the people are skipped', async () => {
    const w = fakeContext();
    const { thread } = aConversation(w, { pair: { consent: 'requested' } });
    expect(await tell(w, thread)).toBeNull();
    expect(w.state.messages).toEqual([]);
  });
});
