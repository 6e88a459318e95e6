import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Message, Thread } from '@bridgeline/shared';
import { aMe, aMessage, aThread } from '../test/builders.js';
import { fakeApi, type Route } from '../test/fake-api.js';
import { renderWithServices } from '../test/render.js';
import { ThreadView } from './thread-view.js';

function serve(thread: Thread, messages: Message[], extra: Route[] = []) {
  return fakeApi([
    ...extra,
    ['GET', `/threads/${thread.id}`, () => ({ body: thread })],
    ['GET', `/threads/${thread.id}/messages`, () => ({ body: { items: messages, nextCursor: null } })],
    ['POST', `/threads/${thread.id}/read`, () => ({ status: 204 })],
  ]);
}

const undeliverable = (threadId: string) =>
  aMessage({
    threadId,
    direction: 'out',
    status: 'failed',
    text: 'Hello on WhatsApp',
    error: { code: '131026', title: 'Message undeliverable' },
  });

describe('a contact WhatsApp cannot reach (product.md §3.2, §8)', () => {
  it('shows one clear state, not the opt-in and window banners beside it, and no Retry for 131026', async () => {
    const thread = aThread({
      reachability: 'unreachable',
      consent: 'requested',
      heldCount: 2,
      smsFallback: true,
    });
    serve(thread, [undeliverable(thread.id)]);
    renderWithServices(
      <ThreadView threadId={thread.id} onOpenThread={() => undefined} onStartSms={() => undefined} />,
      {
        me: aMe({ smsNumber: '+15550100001' }),
      },
    );
    await screen.findByText('Hello on WhatsApp');
    expect(screen.getByText('Can’t be reached on WhatsApp')).toBeTruthy();
    expect(screen.queryByText('Opt-in requested')).toBeNull();
    expect(screen.queryByText(/hasn’t written for more than 24 hours/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(screen.getAllByText(/Message undeliverable/).length).toBeGreaterThan(0);
  });

  it('opens an SMS thread with the same contact in one click on "Continue by SMS"', async () => {
    const thread = aThread({ reachability: 'unreachable', smsFallback: true });
    const sms = aThread({ channel: 'sms', contact: thread.contact });
    const api = serve(thread, [], [['POST', '/threads', () => ({ status: 201, body: sms })]]);
    const opened: (string | null)[] = [];
    renderWithServices(
      <ThreadView threadId={thread.id} onOpenThread={(id) => opened.push(id)} onStartSms={() => undefined} />,
      { me: aMe({ smsNumber: '+15550100001' }) },
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Continue by SMS' }));
    await waitFor(() => expect(opened).toEqual([sms.id]));
    expect(api.calls.find((c) => c.method === 'POST' && c.path === '/threads')?.body).toEqual({
      channel: 'sms',
      contactId: thread.contact.id,
    });
  });

  it('offers nothing when the server says the member has no SMS number or the contact no phone', async () => {
    const thread = aThread({ reachability: 'unreachable', smsFallback: false });
    serve(thread, []);
    renderWithServices(
      <ThreadView threadId={thread.id} onOpenThread={() => undefined} onStartSms={() => undefined} />,
    );
    await screen.findByText('Can’t be reached on WhatsApp');
    expect(screen.queryByRole('button', { name: 'Continue by SMS' })).toBeNull();
  });

  it('counts SMS segments in the composer of an SMS thread', async () => {
    const thread = aThread({ channel: 'sms' });
    serve(thread, []);
    renderWithServices(
      <ThreadView threadId={thread.id} onOpenThread={() => undefined} onStartSms={() => undefined} />,
    );
    const box = await screen.findByRole('textbox', { name: 'Message' });
    await userEvent.type(box, 'a'.repeat(161));
    expect(screen.getByText(/161 \/ 4,096 · 2 SMS segments/)).toBeTruthy();
    await userEvent.clear(box);
    await userEvent.type(box, 'Grüße 👋');
    expect(screen.getByText(/· 1 SMS segment \(Unicode\)/)).toBeTruthy();
  });
});
