import { act, screen, waitFor } from '@testing-library/react';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { aMe, anArchiveHealth } from '../test/builders.js';
import { fakeApi, problem } from '../test/fake-api.js';
import { App } from './app.js';
import { prefetchConfig } from './prefetch.js';

const teams = vi.hoisted(() => ({
  themeHandler: null as ((theme: string) => void) | null,
  initialize: vi.fn(async () => undefined),
  getContext: vi.fn(async () => ({ app: { theme: 'dark' } })),
  getAuthToken: vi.fn(async () => 'sso-token'),
}));

vi.mock('@microsoft/teams-js', () => ({
  app: {
    initialize: teams.initialize,
    getContext: teams.getContext,
    notifySuccess: vi.fn(),
    registerOnThemeChangeHandler: (handler: (theme: string) => void) => {
      teams.themeHandler = handler;
    },
  },
  authentication: { getAuthToken: teams.getAuthToken },
}));

const emptyInbox = () => ({ body: { items: [], nextCursor: null } });

const shownTheme = () => document.querySelector('[data-theme]')?.getAttribute('data-theme');

describe('app shell', () => {
  beforeEach(() => {
    teams.themeHandler = null;
  });
  afterEach(() => {
    delete (window as { nativeInterface?: unknown }).nativeInterface;
  });

  it('outside Teams in dev mode, signs in with the picker and keeps the token for the tab’s session', async () => {
    const api = fakeApi([
      ['GET', '/config', () => ({ body: { authMode: 'dev', sandbox: true } })],
      ['POST', '/dev/token', () => ({ body: { token: 'dev-token-bob' } })],
      ['GET', '/me', () => ({ body: aMe({ email: 'bob@contoso.test', displayName: 'Bob' }) })],
      ['GET', '/threads', emptyInbox],
    ]);
    render(<App />);
    await userEvent.click(await screen.findByRole('button', { name: /bob@contoso\.test/ }));
    expect(await screen.findByText('Bob')).toBeTruthy();
    expect(sessionStorage.getItem('bridgeline.devToken')).toBe('dev-token-bob');
    expect(api.callsTo('POST', '/dev/token')[0]?.body).toEqual({ email: 'bob@contoso.test' });
    expect(api.callsTo('GET', '/me')[0]?.headers.Authorization).toBe('Bearer dev-token-bob');
    expect(teams.initialize).not.toHaveBeenCalled();
  });

  it('asks for the inbox alongside /me, once, so the first row waits for one round trip', async () => {
    sessionStorage.setItem('bridgeline.devToken', 'dev-token-alice');
    let inboxAsked: () => void = () => undefined;
    const asked = new Promise<void>((resolve) => (inboxAsked = resolve));
    const api = fakeApi([
      ['GET', '/config', () => ({ body: { authMode: 'dev', sandbox: true } })],
      // /me answers only once the inbox page has been asked for: they travel together.
      ['GET', '/me', () => asked.then(() => ({ body: aMe() }))],
      [
        'GET',
        '/threads',
        () => {
          inboxAsked();
          return emptyInbox();
        },
      ],
    ]);
    render(<App />);
    expect(await screen.findByText('No conversations yet.')).toBeTruthy();
    expect(api.callsTo('GET', '/threads')).toHaveLength(1);
  });

  it('outside Teams, switches theme from the header and remembers it; the screen tabs move with the arrows', async () => {
    sessionStorage.setItem('bridgeline.devToken', 'dev-token-alice');
    fakeApi([
      ['GET', '/config', () => ({ body: { authMode: 'dev', sandbox: true } })],
      ['GET', '/me', () => ({ body: aMe() })],
      ['GET', '/threads', emptyInbox],
      ['GET', /^\/contacts/, () => ({ body: { items: [], nextCursor: null } })],
    ]);
    render(<App />);
    const theme = await screen.findByRole('combobox', { name: 'Theme' });
    expect(shownTheme()).toBe('light');
    await userEvent.selectOptions(theme, 'High contrast');
    expect(shownTheme()).toBe('contrast');
    expect(localStorage.getItem('bridgeline.theme')).toBe('contrast');

    const inbox = screen.getByRole('tab', { name: 'Inbox' });
    expect(inbox.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tab', { name: 'Contacts' }).tabIndex).toBe(-1);
    inbox.focus();
    await userEvent.keyboard('{ArrowRight}');
    const contacts = screen.getByRole('tab', { name: 'Contacts' });
    expect(document.activeElement).toBe(contacts);
    expect(contacts.getAttribute('aria-selected')).toBe('true');
    expect(window.location.hash).toBe('#/contacts');
  });

  it('goes back to the sign-in picker when the dev token is refused', async () => {
    sessionStorage.setItem('bridgeline.devToken', 'stale');
    fakeApi([
      ['GET', '/config', () => ({ body: { authMode: 'dev', sandbox: false } })],
      ['GET', '/me', () => problem(401, 'unauthorized')],
    ]);
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Sign in to Bridgeline' })).toBeTruthy();
    expect(sessionStorage.getItem('bridgeline.devToken')).toBeNull();
  });

  it('on a reload, asks /me and the inbox with the kept dev token before React renders, once', async () => {
    sessionStorage.setItem('bridgeline.devToken', 'dev-token-alice');
    const api = fakeApi([
      ['GET', '/config', () => ({ body: { authMode: 'dev', sandbox: true } })],
      ['GET', '/me', () => ({ body: aMe() })],
      ['GET', '/threads', emptyInbox],
    ]);
    prefetchConfig();
    render(<App />);
    expect(await screen.findByText('No conversations yet.')).toBeTruthy();
    expect(api.callsTo('GET', '/me')).toHaveLength(1);
    expect(api.callsTo('GET', '/me')[0]?.headers.Authorization).toBe('Bearer dev-token-alice');
    expect(api.callsTo('GET', '/threads')).toHaveLength(1);
  });

  it('on a reload with a refused dev token asked early, goes back to the sign-in picker', async () => {
    sessionStorage.setItem('bridgeline.devToken', 'stale');
    fakeApi([
      ['GET', '/config', () => ({ body: { authMode: 'dev', sandbox: false } })],
      ['GET', '/me', () => problem(401, 'unauthorized')],
      ['GET', '/threads', () => problem(401, 'unauthorized')],
    ]);
    prefetchConfig();
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Sign in to Bridgeline' })).toBeTruthy();
    expect(sessionStorage.getItem('bridgeline.devToken')).toBeNull();
  });

  it('inside Teams, sends the SSO token as Bearer and follows the Teams theme', async () => {
    (window as { nativeInterface?: unknown }).nativeInterface = {};
    const api = fakeApi([
      ['GET', '/config', () => ({ body: { authMode: 'entra', sandbox: false } })],
      ['GET', '/me', () => ({ body: aMe() })],
      ['GET', '/threads', emptyInbox],
    ]);
    render(<App />);
    expect(await screen.findByText('Alice')).toBeTruthy();
    expect(api.callsTo('GET', '/me')[0]?.headers.Authorization).toBe('Bearer sso-token');
    expect(screen.queryByRole('combobox', { name: 'Theme' })).toBeNull();
    expect(shownTheme()).toBe('dark');
    act(() => teams.themeHandler?.('contrast'));
    await waitFor(() => expect(shownTheme()).toBe('contrast'));
  });

  it('outside Teams in Entra mode, asks to open the tab in Teams', async () => {
    fakeApi([['GET', '/config', () => ({ body: { authMode: 'entra', sandbox: false } })]]);
    render(<App />);
    expect(await screen.findByText('Open Bridgeline in Microsoft Teams to sign in.')).toBeTruthy();
  });

  it('tells a member who is not enabled why they see no conversations', async () => {
    sessionStorage.setItem('bridgeline.devToken', 'dave');
    fakeApi([
      ['GET', '/config', () => ({ body: { authMode: 'dev', sandbox: true } })],
      ['GET', '/me', () => ({ body: aMe({ displayName: 'Dave', enabled: false }) })],
    ]);
    render(<App />);
    expect(
      await screen.findByText(
        'WhatsApp messaging is not enabled for you. Ask your Teams admin to enable it.',
      ),
    ).toBeTruthy();
  });

  it('members who are not admins never see the Compliance area, even at its address', async () => {
    window.location.hash = '#/admin/compliance';
    sessionStorage.setItem('bridgeline.devToken', 'dev-token-bob');
    const api = fakeApi([
      ['GET', '/config', () => ({ body: { authMode: 'dev', sandbox: true } })],
      ['GET', '/me', () => ({ body: aMe({ displayName: 'Bob', isAdmin: false }) })],
      ['GET', '/threads', emptyInbox],
    ]);
    render(<App />);
    expect(await screen.findByText('No conversations yet.')).toBeTruthy();
    expect(screen.queryByRole('tab', { name: 'Admin' })).toBeNull();
    expect(screen.queryByRole('tab', { name: 'Compliance' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Archive health' })).toBeNull();
    expect(api.callsTo('GET', '/admin')).toHaveLength(0);
    expect(api.unmatched).toEqual([]);
  });

  it('an admin opens the Compliance area from the Admin screen, at its own address', async () => {
    window.location.hash = '#/admin';
    sessionStorage.setItem('bridgeline.devToken', 'dev-token-alice');
    fakeApi([
      ['GET', '/config', () => ({ body: { authMode: 'dev', sandbox: true } })],
      ['GET', '/me', () => ({ body: aMe({ isAdmin: true }) })],
      ['GET', '/threads', emptyInbox],
      ['GET', '/admin/members', () => ({ body: [] })],
      ['GET', '/admin/archive', () => ({ body: anArchiveHealth() })],
      ['GET', '/admin/archive/exports', () => ({ body: [] })],
      ['GET', '/admin/legal-holds', () => ({ body: [] })],
      [
        'GET',
        '/admin/archive/settings',
        () => ({ body: { retentionDays: 2192, journal: { enabled: true } } }),
      ],
    ]);
    render(<App />);
    await userEvent.click(await screen.findByRole('tab', { name: 'Compliance' }));
    expect(await screen.findByRole('heading', { name: 'Archive health' })).toBeTruthy();
    expect(window.location.hash).toBe('#/admin/compliance');
    for (const heading of ['Exports', 'Legal holds', 'Retention']) {
      expect(screen.getByRole('heading', { name: heading })).toBeTruthy();
    }
  });
});
