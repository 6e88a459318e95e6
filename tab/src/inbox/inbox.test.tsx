import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { aContact, aMessage, aThread } from '../test/builders.js';
import { fakeApi } from '../test/fake-api.js';
import { renderWithServices } from '../test/render.js';
import { Inbox } from './inbox.js';

describe('inbox', () => {
  it('lists threads with their channel, unread count and consent and window state', async () => {
    const whatsapp = aThread({
      contact: aContact({ displayName: 'Dana Client' }),
      unreadCount: 3,
      consent: 'requested',
      lastMessage: aMessage({ direction: 'in', text: 'Can we talk?' }),
    });
    const sms = aThread({ channel: 'sms', contact: aContact({ displayName: 'Sam Sms' }) });
    const closedWindow = aThread({
      contact: aContact({ displayName: 'Olly' }),
      window: { open: false, closesAt: null },
    });
    fakeApi([
      ['GET', '/threads', () => ({ body: { items: [whatsapp, sms, closedWindow], nextCursor: null } })],
    ]);
    renderWithServices(<Inbox selectedId={null} onOpen={() => undefined} onNewMessage={() => undefined} />);
    const list = await screen.findByRole('list', { name: 'Conversations' });
    const [first, second, third] = within(list).getAllByRole('listitem');
    expect(within(first!).getByRole('img', { name: 'WhatsApp' })).toBeTruthy();
    expect(within(first!).getByLabelText('3 unread')).toBeTruthy();
    expect(within(first!).getByText('Opt-in requested')).toBeTruthy();
    expect(within(first!).getByText('Can we talk?')).toBeTruthy();
    expect(within(second!).getByRole('img', { name: 'SMS' })).toBeTruthy();
    expect(within(third!).getByText('Window closed')).toBeTruthy();
  });

  it('loads the next page from nextCursor', async () => {
    const first = aThread({ contact: aContact({ displayName: 'First page' }) });
    const second = aThread({ contact: aContact({ displayName: 'Second page' }) });
    const api = fakeApi([
      ['GET', '/threads?cursor=c2', () => ({ body: { items: [second], nextCursor: null } })],
      ['GET', '/threads', () => ({ body: { items: [first], nextCursor: 'c2' } })],
    ]);
    renderWithServices(<Inbox selectedId={null} onOpen={() => undefined} onNewMessage={() => undefined} />);
    await screen.findByText('First page');
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Second page')).toBeTruthy();
    expect(api.callsTo('GET', '/threads?cursor=c2')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('claims an unassigned thread and opens it', async () => {
    const waiting = aThread({
      unassigned: true,
      members: [],
      contact: aContact({ displayName: 'New Lead' }),
    });
    const api = fakeApi([
      ['GET', '/threads?state=unassigned', () => ({ body: { items: [waiting], nextCursor: null } })],
      ['GET', '/threads', () => ({ body: { items: [], nextCursor: null } })],
      ['POST', `/threads/${waiting.id}/claim`, () => ({ body: { ...waiting, unassigned: false } })],
    ]);
    const onOpen = vi.fn();
    renderWithServices(<Inbox selectedId={null} onOpen={onOpen} onNewMessage={() => undefined} />);
    expect(await screen.findByText('No conversations yet.')).toBeTruthy();
    await userEvent.click(screen.getByRole('tab', { name: 'Unassigned' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Claim conversation with New Lead' }));
    await waitFor(() => expect(onOpen).toHaveBeenCalledWith(waiting.id));
    expect(api.callsTo('POST', `/threads/${waiting.id}/claim`)).toHaveLength(1);
  });

  it('searches threads by the typed text', async () => {
    const api = fakeApi([['GET', /^\/threads/, () => ({ body: { items: [], nextCursor: null } })]]);
    renderWithServices(<Inbox selectedId={null} onOpen={() => undefined} onNewMessage={() => undefined} />);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search conversations' }), 'dana');
    expect(await screen.findByText('No conversations match “dana”.')).toBeTruthy();
    // The title follows the debounced query at once; the request goes out in the effect that follows the render.
    await waitFor(() => expect(api.callsTo('GET', '/threads?query=dana').length).toBeGreaterThan(0));
  });

  it('refreshes when a live event says a thread changed', async () => {
    const thread = aThread({ contact: aContact({ displayName: 'Live One' }) });
    let items = [] as (typeof thread)[];
    fakeApi([['GET', '/threads', () => ({ body: { items, nextCursor: null } })]]);
    const { live } = renderWithServices(
      <Inbox selectedId={null} onOpen={() => undefined} onNewMessage={() => undefined} />,
    );
    await screen.findByText('No conversations yet.');
    items = [thread];
    live.emit({ type: 'thread.updated', threadId: thread.id });
    expect(await screen.findByText('Live One')).toBeTruthy();
  });

  it('explains an error in words and retries', async () => {
    let fail = true;
    fakeApi([
      [
        'GET',
        '/threads',
        () =>
          fail
            ? { status: 503, body: { code: 'unavailable', status: 503 } }
            : { body: { items: [], nextCursor: null } },
      ],
    ]);
    renderWithServices(<Inbox selectedId={null} onOpen={() => undefined} onNewMessage={() => undefined} />);
    expect(
      await screen.findByText('The service is starting or unavailable. Try again in a moment.'),
    ).toBeTruthy();
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No conversations yet.')).toBeTruthy();
  });
});
