import { beforeAll, describe, expect, it } from 'vitest';
import { useTabInBrowser } from './tab-harness.js';

/**
 * The composer's DLP policy tip in Chromium (docs/dlp.md): as the member types, the tip says which rule matched and
 * what will happen; Send is disabled for a block; a flagged message is marked in the thread; the admin's DLP area.
 * Screenshots go to test-artifacts/dlp-*.png.
 */
const tab = useTabInBrowser('dlp');
const { shot } = tab;
const signedIn = (email: string, colorScheme: 'light' | 'dark') => tab.signedIn(email, colorScheme);

async function adminPost(path: string, body: unknown) {
  const { token } = await fetch(`${tab.running.url}/api/v1/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'alice@contoso.test' }),
  }).then((r) => r.json() as Promise<{ token: string }>);
  const r = await fetch(`${tab.running.url}/api/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(r.status).toBe(201);
}

beforeAll(async () => {
  await adminPost('/admin/dlp-rules', {
    name: 'Cards',
    kind: 'detector',
    detector: 'credit_card',
    action: 'block',
  });
  await adminPost('/admin/dlp-rules', {
    name: 'Staff ids',
    kind: 'regex',
    pattern: 'EMP-\\d{6}',
    action: 'redact',
  });
  await adminPost('/admin/dlp-rules', {
    name: 'Codenames',
    kind: 'keyword',
    keywords: ['falcon'],
    action: 'flag',
  });
}, 180_000);

describe('the DLP policy tip in a real browser', () => {
  it('tells the member before sending what the rules will do, disables Send for a block, and marks a flagged message', async () => {
    const alice = await signedIn('alice@contoso.test', 'light');
    await alice.getByRole('button', { name: 'New message' }).first().click();
    await alice.getByLabel('To').fill('+1 415 555 0177');
    await alice.getByRole('button', { name: 'Start conversation' }).click();
    await alice.getByRole('button', { name: 'Send opt-in request' }).click();
    const message = alice.getByRole('textbox', { name: 'Message' });
    const send = alice.getByRole('button', { name: 'Send', exact: true });
    const tip = alice.getByTestId('policy-tip');

    await message.fill('My card is 4111 1111 1111 1111, charge it please');
    await tip.getByText('Can’t be sent').waitFor();
    await tip.getByText(/Rule “Cards” found a payment card number \(•••• •••• •••• 1111\)/).waitFor();
    await expect.poll(() => send.isDisabled()).toBe(true);
    await shot(alice, 'tip-blocked-light');

    await message.fill('Ask EMP-204518 for the forms');
    await tip.getByText('Will be sent as').waitFor();
    await tip.getByText(/“Ask \[redacted\] for the forms”/).waitFor();
    await expect.poll(() => send.isDisabled()).toBe(false);
    await shot(alice, 'tip-redacted-light');
    await message.press('Enter');
    const conversation = alice.getByRole('list', { name: /Conversation with/ });
    await conversation.getByText('Ask [redacted] for the forms').waitFor();

    await message.fill('The Falcon numbers are ready');
    await tip.getByText('Will be sent and reviewed').waitFor();
    await shot(alice, 'tip-flagged-light');
    await message.press('Enter');
    await conversation.getByText('The Falcon numbers are ready').waitFor();
    await conversation.getByText('Flagged for review: Codenames').waitFor();
    await expect.poll(() => tip.count()).toBe(0);
    await shot(alice, 'thread-flag-mark-light');

    const dark = await signedIn('alice@contoso.test', 'dark');
    await dark
      .getByRole('list', { name: 'Conversations' })
      .getByText(/^\+1[ -]?415[ -]?555[ -]?0177$/)
      .first()
      .click();
    await dark.getByRole('textbox', { name: 'Message' }).fill('card 4111-1111-1111-1111');
    await dark.getByTestId('policy-tip').getByText('Can’t be sent').waitFor();
    await shot(dark, 'tip-blocked-dark');
  }, 120_000);

  it('shows the admin the rules, a sample text tested against a draft rule, and the review queue', async () => {
    const alice = await signedIn('alice@contoso.test', 'light');
    await alice.goto(`${tab.running.url}/#/admin/dlp`);
    const rules = alice.getByRole('table', { name: 'DLP rules' });
    await rules.getByText('Staff ids').waitFor();
    const form = alice.getByRole('form', { name: 'Add a rule' });
    await form.getByLabel('Kind').selectOption('keyword');
    await form.getByLabel('Keywords (comma-separated)').fill('osprey, kestrel');
    await form.getByRole('textbox', { name: 'Name' }).fill('Projects');
    await alice.getByLabel('Sample text to test the rule with').fill('Kestrel ships on Friday');
    await alice.getByRole('button', { name: 'Test the rule' }).click();
    await alice
      .getByRole('status')
      .getByText(/Rule “Projects” found the keyword “Kestrel”/)
      .waitFor();
    await alice.getByRole('list', { name: 'Flagged messages' }).getByText('Rule “Codenames”').waitFor();
    await shot(alice, 'admin-area-light');
    await form.getByRole('button', { name: 'Add rule' }).click();
    await rules.getByText('Projects').waitFor();
  }, 120_000);
});
