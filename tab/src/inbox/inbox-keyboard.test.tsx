import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { aContact, aThread } from '../test/builders.js';
import { fakeApi } from '../test/fake-api.js';
import { renderWithServices } from '../test/render.js';
import { Inbox } from './inbox.js';

describe('the inbox by keyboard (issue 16, accessibility)', () => {
  it('is one tab stop: Tab reaches the selected row, the arrow keys, Home and End move among the rows', async () => {
    const [a, b, c] = ['Ana', 'Ben', 'Cleo'].map((n) => aThread({ contact: aContact({ displayName: n }) }));
    fakeApi([['GET', '/threads', () => ({ body: { items: [a, b, c], nextCursor: null } })]]);
    renderWithServices(<Inbox selectedId={b!.id} onOpen={() => undefined} onNewMessage={() => undefined} />);
    const list = await screen.findByRole('list', { name: 'Conversations' });
    const row = (name: string) => within(list).getByRole('button', { name: new RegExp(name) });
    expect([row('Ana'), row('Ben'), row('Cleo')].map((r) => r.tabIndex)).toEqual([-1, 0, -1]);
    row('Ben').focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(row('Cleo'));
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(row('Cleo'));
    await userEvent.keyboard('{Home}');
    expect(document.activeElement).toBe(row('Ana'));
    await userEvent.keyboard('{End}{ArrowUp}');
    expect(document.activeElement).toBe(row('Ben'));
    // Tab leaves the list rather than walking through every row.
    await userEvent.tab();
    expect(list.contains(document.activeElement)).toBe(false);
  });
});
