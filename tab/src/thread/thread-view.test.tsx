import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Message, Thread } from '@bridgeline/shared';
import { aMessage, aThread } from '../test/builders.js';
import { fakeApi, problem, type Route } from '../test/fake-api.js';
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

function renderThread(thread: Thread) {
  return renderWithServices(
    <ThreadView threadId={thread.id} onOpenThread={() => undefined} onStartSms={() => undefined} />,
  );
}

const messageBox = () => screen.findByRole('textbox', { name: 'Message' });

describe('thread view', () => {
  it('disables the composer and says why when the contact opted out', async () => {
    const thread = aThread({ consent: 'opted_out' });
    serve(thread, []);
    renderThread(thread);
    const box = await messageBox();
    expect((box as HTMLTextAreaElement).disabled).toBe(true);
    expect(screen.getByText(/Dana Client opted out, so you can’t message them/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();
  });

  it('disables the composer and says why when the contact cannot be reached on WhatsApp', async () => {
    const thread = aThread({ reachability: 'unreachable' });
    serve(thread, []);
    renderThread(thread);
    expect(((await messageBox()) as HTMLTextAreaElement).disabled).toBe(true);
    expect(screen.getByText('Dana Client can’t be reached on WhatsApp.')).toBeTruthy();
  });

  it('shows a held message as held', async () => {
    const thread = aThread({ consent: 'opted_in', window: { open: false, closesAt: null }, heldCount: 1 });
    serve(thread, [aMessage({ threadId: thread.id, status: 'held', text: 'See you tomorrow' })]);
    renderThread(thread);
    await screen.findByText('See you tomorrow');
    expect(screen.getByText('Held — will be sent when the contact resumes the conversation')).toBeTruthy();
    expect(screen.getByText(/hasn’t written for more than 24 hours/)).toBeTruthy();
  });

  it('says a held message waits for the opt-in while consent is requested', async () => {
    const thread = aThread({ consent: 'requested' });
    serve(thread, [aMessage({ threadId: thread.id, status: 'held', text: 'Hi there' })]);
    renderThread(thread);
    await screen.findByText('Hi there');
    expect(screen.getByText('Held — will be sent when the contact accepts the opt-in request')).toBeTruthy();
  });

  it('shows sent, delivered and read ticks on outgoing messages', async () => {
    const thread = aThread();
    serve(thread, [
      aMessage({ threadId: thread.id, status: 'sent', text: 'one', createdAt: '2026-01-01T10:00:00Z' }),
      aMessage({ threadId: thread.id, status: 'delivered', text: 'two', createdAt: '2026-01-01T10:01:00Z' }),
      aMessage({ threadId: thread.id, status: 'read', text: 'three', createdAt: '2026-01-01T10:02:00Z' }),
    ]);
    renderThread(thread);
    await screen.findByText('three');
    expect(screen.getByRole('img', { name: 'Sent' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Delivered' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Read' })).toBeTruthy();
  });

  it('labels what Bridgeline sent on its own as automatic, and a member’s message in a group with their name', async () => {
    const thread = aThread({
      members: [
        {
          memberId: 'm-alice',
          displayName: 'Alice Johnson',
          joinedAt: '2026-01-01T09:00:00Z',
          historyFrom: '2026-01-01T09:00:00Z',
        },
        {
          memberId: 'm-bob',
          displayName: 'Bob Smith',
          joinedAt: '2026-01-01T09:00:00Z',
          historyFrom: '2026-01-01T09:00:00Z',
        },
      ],
    });
    serve(thread, [
      aMessage({
        threadId: thread.id,
        text: 'Bob Smith joined the conversation.',
        createdAt: '2026-01-01T10:00:00Z',
      }),
      aMessage({
        threadId: thread.id,
        text: 'Welcome Bob',
        sender: { memberId: 'm-alice', displayName: 'Alice Johnson' },
        createdAt: '2026-01-01T10:01:00Z',
      }),
    ]);
    renderThread(thread);
    const automatic = (await screen.findByText('Bob Smith joined the conversation.')).closest(
      '[role="listitem"]',
    );
    expect(within(automatic as HTMLElement).getByText('Automatic message')).toBeTruthy();
    const own = screen.getByText('Welcome Bob').closest('[role="listitem"]');
    expect(within(own as HTMLElement).getByText('Alice Johnson')).toBeTruthy();
  });

  it('centres notices and shows them in words', async () => {
    const thread = aThread();
    serve(thread, [
      aMessage({
        threadId: thread.id,
        direction: 'notice',
        type: 'notice',
        text: undefined,
        notice: { kind: 'member_left', params: { member: 'Bob' } },
      }),
    ]);
    renderThread(thread);
    expect(await screen.findByText('Bob left the conversation.')).toBeTruthy();
  });

  it('shows the window’s time left', async () => {
    const thread = aThread();
    serve(thread, []);
    renderThread(thread);
    expect(await screen.findByText(/Conversation window open: 5 h (11|12) min left/)).toBeTruthy();
  });

  it('sends optimistically and keeps one bubble once the server confirms', async () => {
    const thread = aThread();
    let release: () => void = () => undefined;
    const api = serve(
      thread,
      [],
      [
        [
          'POST',
          `/threads/${thread.id}/messages`,
          (call) =>
            new Promise((resolve) => {
              const body = call.body as { clientMessageId: string; text: string };
              release = () =>
                resolve({
                  status: 201,
                  body: aMessage({
                    threadId: thread.id,
                    clientMessageId: body.clientMessageId,
                    text: body.text,
                    status: 'queued',
                  }),
                });
            }),
        ],
      ],
    );
    renderThread(thread);
    await userEvent.type(await messageBox(), 'Your card is ready{Enter}');
    expect(await screen.findByText('Your card is ready')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Sending' })).toBeTruthy();
    await act(async () => release());
    await waitFor(() => expect(api.callsTo('POST', `/threads/${thread.id}/messages`)).toHaveLength(1));
    expect(screen.getAllByText('Your card is ready')).toHaveLength(1);
  });

  it('retrying a failed send reuses its clientMessageId', async () => {
    const thread = aThread();
    let attempt = 0;
    const api = serve(
      thread,
      [],
      [
        [
          'POST',
          `/threads/${thread.id}/messages`,
          (call) => {
            attempt += 1;
            if (attempt === 1) return problem(503, 'unavailable');
            const body = call.body as { clientMessageId: string; text: string };
            return {
              status: 201,
              body: aMessage({ threadId: thread.id, clientMessageId: body.clientMessageId, text: body.text }),
            };
          },
        ],
      ],
    );
    renderThread(thread);
    await userEvent.type(await messageBox(), 'Please sign here{Enter}');
    expect(await screen.findByText(/Not sent: The service is starting or unavailable/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByText(/Not sent/)).toBeNull());
    const [first, second] = api
      .callsTo('POST', `/threads/${thread.id}/messages`)
      .map((c) => c.body as { clientMessageId: string });
    expect(first?.clientMessageId).toBeTruthy();
    expect(second?.clientMessageId).toBe(first?.clientMessageId);
    expect(screen.getAllByText('Please sign here')).toHaveLength(1);
  });

  it('shows a failed message with the provider’s reason and retries it as a new send', async () => {
    const thread = aThread();
    const failed = aMessage({
      threadId: thread.id,
      clientMessageId: 'original-client-id',
      status: 'failed',
      text: 'Statement attached',
      error: { code: '131047', title: 'Re-engagement message', details: 'More than 24 hours have passed.' },
    });
    const api = serve(
      thread,
      [failed],
      [
        [
          'POST',
          `/threads/${thread.id}/messages`,
          (call) => ({ status: 201, body: aMessage({ ...(call.body as object), threadId: thread.id }) }),
        ],
      ],
    );
    renderThread(thread);
    expect(await screen.findByText('Not sent: Re-engagement message')).toBeTruthy();
    expect(screen.getByText('More than 24 hours have passed.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(api.callsTo('POST', `/threads/${thread.id}/messages`)).toHaveLength(1));
    const body = api.callsTo('POST', `/threads/${thread.id}/messages`)[0]?.body as {
      clientMessageId: string;
      text: string;
    };
    expect(body.text).toBe('Statement attached');
    expect(body.clientMessageId).not.toBe('original-client-id');
  });

  it('says in words why the server refused a message', async () => {
    const thread = aThread();
    serve(
      thread,
      [],
      [
        [
          'POST',
          `/threads/${thread.id}/messages`,
          () => problem(422, 'dlp_blocked', 'Rule “Card numbers” matched.'),
        ],
      ],
    );
    renderThread(thread);
    await userEvent.type(await messageBox(), '4111 1111 1111 1111{Enter}');
    expect(
      await screen.findByText(
        /blocked by your organisation’s data loss prevention rules\. Rule “Card numbers” matched\./,
      ),
    ).toBeTruthy();
  });

  it('counts characters and refuses a text over 4,096', async () => {
    const thread = aThread();
    serve(thread, []);
    renderThread(thread);
    const box = await messageBox();
    await userEvent.click(box);
    await userEvent.paste('x'.repeat(4097));
    expect(screen.getByText(/4,097 \/ 4,096 — too long/)).toBeTruthy();
    const send = screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
  });

  it('offers to resend the opt-in request only when the server allows it', async () => {
    const thread = aThread({ consent: 'requested', canResendOptIn: true });
    const api = serve(
      thread,
      [],
      [['POST', `/threads/${thread.id}/opt-in-requests`, () => ({ status: 201, body: {} })]],
    );
    renderThread(thread);
    await screen.findByText(/Waiting for Dana Client to accept/);
    await userEvent.click(screen.getByRole('button', { name: 'Resend opt-in request' }));
    await waitFor(() => expect(api.callsTo('POST', `/threads/${thread.id}/opt-in-requests`)).toHaveLength(1));
    expect(await screen.findByText('Opt-in request sent again.')).toBeTruthy();
  });

  it('hides the resend button while the last opt-in request is under 24 hours old', async () => {
    const thread = aThread({ consent: 'requested', canResendOptIn: false });
    serve(thread, []);
    renderThread(thread);
    await screen.findByText(/Waiting for Dana Client to accept/);
    expect(screen.queryByRole('button', { name: 'Resend opt-in request' })).toBeNull();
  });

  it('announces a message from the contact that arrives live', async () => {
    const thread = aThread();
    const messages: Message[] = [
      aMessage({ threadId: thread.id, direction: 'in', text: 'Hi', status: 'delivered' }),
    ];
    serve(thread, messages);
    const { live } = renderThread(thread);
    await screen.findByText('Hi');
    const incoming = aMessage({
      threadId: thread.id,
      direction: 'in',
      text: 'Is my loan approved?',
      createdAt: new Date().toISOString(),
    });
    messages.push(incoming);
    act(() => live.emit({ type: 'message.created', threadId: thread.id, messageId: incoming.id }));
    await waitFor(() =>
      expect(screen.getByText('New message from Dana Client: Is my loan approved?')).toBeTruthy(),
    );
    const list = screen.getByRole('list', { name: 'Conversation with Dana Client' });
    expect(within(list).getByText('Is my loan approved?')).toBeTruthy();
  });

  it('marks the newest message as read', async () => {
    const thread = aThread({ unreadCount: 1 });
    const newest = aMessage({ threadId: thread.id, direction: 'in', text: 'New', status: 'delivered' });
    const api = serve(thread, [newest]);
    renderThread(thread);
    await waitFor(() =>
      expect(api.callsTo('POST', `/threads/${thread.id}/read`)[0]?.body).toEqual({ upTo: newest.id }),
    );
  });

  it('loads an image through an authenticated fetch', async () => {
    const thread = aThread();
    const api = serve(
      thread,
      [
        aMessage({
          threadId: thread.id,
          direction: 'in',
          type: 'image',
          mediaId: 'media-1',
          text: undefined,
        }),
      ],
      [['GET', '/media/media-1', () => ({ body: new Blob(['png'], { type: 'image/png' }) })]],
    );
    renderThread(thread);
    expect(await screen.findByRole('button', { name: 'Open Photo' })).toBeTruthy();
    expect(api.callsTo('GET', '/media/media-1')[0]?.headers.Authorization).toBe('Bearer test-token');
  });
});
