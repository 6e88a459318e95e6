import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { MemberSummary } from '@bridgeline/shared';
import { ME_ID, aThread } from '../test/builders.js';
import { fakeApi, problem } from '../test/fake-api.js';
import { renderWithServices } from '../test/render.js';
import { ThreadDetails } from './thread-details.js';

const member = (overrides: Partial<MemberSummary>): MemberSummary => ({
  id: '00000000-0000-4000-8000-000000000b0b',
  email: 'bob@contoso.test',
  displayName: 'Bob',
  region: 'us',
  enabled: true,
  isAdmin: false,
  aadObjectId: null,
  ...overrides,
});

const bob = member({});
const carol = member({
  id: '00000000-0000-4000-8000-0000000ca201',
  email: 'carol@contoso.test',
  displayName: 'Carol',
  region: 'eu',
});
const dave = member({
  id: '00000000-0000-4000-8000-00000000da7e',
  email: 'dave@contoso.test',
  displayName: 'Dave',
  enabled: false,
});

function details(thread = aThread(), extra: Parameters<typeof fakeApi>[0] = []) {
  const api = fakeApi([
    ...extra,
    ['GET', `/threads/${thread.id}/rejoin-requests`, () => ({ body: [] })],
    ['GET', /^\/members/, () => ({ body: [bob, carol, dave] })],
  ]);
  const onChanged = vi.fn();
  const onLeft = vi.fn();
  renderWithServices(
    <ThreadDetails thread={thread} onClose={() => undefined} onChanged={onChanged} onLeft={onLeft} />,
  );
  return { api, onChanged, onLeft, thread };
}

describe('thread details', () => {
  it('adds a member without sharing the chat history unless the toggle is on', async () => {
    const thread = aThread();
    const { api, onChanged } = details(thread, [
      ['POST', `/threads/${thread.id}/members`, () => ({ status: 201, body: {} })],
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Add member' }));
    const toggle = (await screen.findByRole('switch', { name: 'Share chat history' })) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    await userEvent.click(await screen.findByRole('radio', { name: /Bob/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.callsTo('POST', `/threads/${thread.id}/members`)[0]?.body).toEqual({
      memberId: bob.id,
      shareHistory: false,
    });
  });

  it('shares the chat history when the member turns the toggle on', async () => {
    const thread = aThread();
    const { api } = details(thread, [
      ['POST', `/threads/${thread.id}/members`, () => ({ status: 201, body: {} })],
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Add member' }));
    await userEvent.click(await screen.findByRole('radio', { name: /Bob/ }));
    await userEvent.click(screen.getByRole('switch', { name: 'Share chat history' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    await waitFor(() =>
      expect(api.callsTo('POST', `/threads/${thread.id}/members`)[0]?.body).toEqual({
        memberId: bob.id,
        shareHistory: true,
      }),
    );
  });

  it('filters members by the thread’s region and explains who cannot join', async () => {
    const { api } = details();
    await userEvent.click(screen.getByRole('button', { name: 'Add member' }));
    await screen.findByRole('radio', { name: /Bob/ });
    expect(api.callsTo('GET', '/members?region=us').length).toBeGreaterThan(0);
    expect((screen.getByRole('radio', { name: /Carol .* — region EU/ }) as HTMLInputElement).disabled).toBe(
      true,
    );
    expect((screen.getByRole('radio', { name: /Dave .* — not enabled/ }) as HTMLInputElement).disabled).toBe(
      true,
    );
  });

  it('shows the server’s refusal in words', async () => {
    const thread = aThread();
    details(thread, [['POST', `/threads/${thread.id}/members`, () => problem(409, 'thread_full')]]);
    await userEvent.click(screen.getByRole('button', { name: 'Add member' }));
    await userEvent.click(await screen.findByRole('radio', { name: /Bob/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(await screen.findByText('A conversation can have at most 10 members.')).toBeTruthy();
  });

  it('approves a request to rejoin', async () => {
    const thread = aThread();
    const request = {
      id: '00000000-0000-4000-8000-0000000000f1',
      threadId: thread.id,
      memberId: bob.id,
      displayName: 'Bob',
      state: 'pending',
      createdAt: new Date().toISOString(),
    };
    const api = fakeApi([
      ['GET', `/threads/${thread.id}/rejoin-requests`, () => ({ body: [request] })],
      ['POST', `/threads/${thread.id}/rejoin-requests/${request.id}/approve`, () => ({ body: {} })],
    ]);
    renderWithServices(
      <ThreadDetails
        thread={thread}
        onClose={() => undefined}
        onChanged={() => undefined}
        onLeft={() => undefined}
      />,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Approve Bob' }));
    await waitFor(() =>
      expect(api.callsTo('POST', `/threads/${thread.id}/rejoin-requests/${request.id}/approve`)).toHaveLength(
        1,
      ),
    );
  });

  it('leaves after confirming', async () => {
    const thread = aThread();
    const { api, onLeft } = details(thread, [['POST', `/threads/${thread.id}/leave`, () => ({ body: {} })]]);
    await userEvent.click(screen.getByRole('button', { name: 'Leave' }));
    expect(await screen.findByText('Leave the conversation?')).toBeTruthy();
    await userEvent.click(screen.getAllByRole('button', { name: 'Leave' }).at(-1)!);
    await waitFor(() => expect(onLeft).toHaveBeenCalled());
    expect(api.callsTo('POST', `/threads/${thread.id}/leave`)).toHaveLength(1);
  });

  it('removes another member but never offers to remove yourself', async () => {
    const thread = aThread({
      members: [
        {
          memberId: ME_ID,
          displayName: 'Alice',
          joinedAt: new Date().toISOString(),
          historyFrom: new Date().toISOString(),
        },
        {
          memberId: bob.id,
          displayName: 'Bob',
          joinedAt: new Date().toISOString(),
          historyFrom: new Date().toISOString(),
        },
      ],
    });
    const { api } = details(thread, [
      ['DELETE', `/threads/${thread.id}/members/${bob.id}`, () => ({ status: 204 })],
    ]);
    expect(screen.queryByRole('button', { name: 'Remove Alice' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Remove Bob' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Remove' }));
    await waitFor(() =>
      expect(api.callsTo('DELETE', `/threads/${thread.id}/members/${bob.id}`)).toHaveLength(1),
    );
  });
});
