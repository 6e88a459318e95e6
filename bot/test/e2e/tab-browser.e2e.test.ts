import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { startBridgeline, type Running } from '../../src/bootstrap.js';
import { applyStatus } from '../../src/app/apply-status.use-case.js';
import { receiveMessage, type InboundMessage } from '../../src/app/receive-message.use-case.js';
import { BUTTON_PAYLOADS } from '../../src/domain/consent.js';
import { InMemoryWhatsAppGateway } from '../../src/sandbox/in-memory-whatsapp.gateway.js';
import { freshDatabaseUrl } from '../support/test-database.js';
import { artifactPath, ensureTabBuilt, launchChromium, removeFailureShots } from './browser-support.js';

/**
 * The tab in Debian's Chromium against the real server (in-process, sandbox WhatsApp, dev sign-in): what a member
 * does all day, end to end. Screenshots of the main screens, light and dark, go to test-artifacts/.
 */

const CONTACT = '+14155550142';
const PHONE_NUMBER_ID = '100000000000001';
// The contact was typed as a number; whether their WhatsApp profile name replaces it is the server's business.
const CONTACT_NAME = /^(Dana Test|\+14155550142)$/;

let running: Running;
let gateway: InMemoryWhatsAppGateway;
let drop: () => Promise<void>;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function contactSays(over: Partial<InboundMessage>): Promise<void> {
  const r = await receiveMessage(running.ctx, {
    channel: 'whatsapp',
    providerNumberId: PHONE_NUMBER_ID,
    from: { waId: CONTACT.slice(1), profileName: 'Dana Test' },
    providerMessageId: `wamid.in.${randomUUID()}`,
    sentAt: new Date(),
    type: 'text',
    ...over,
  });
  expect(r.ok).toBe(true);
}

/** What the phone reports back for everything the gateway sent. */
async function phoneReports(status: 'delivered' | 'read'): Promise<void> {
  for (const sent of gateway.sent) {
    await applyStatus(running.ctx, { providerMessageId: sent.providerMessageId, status, at: new Date() });
  }
}

async function signedIn(
  email: string,
  colorScheme: 'light' | 'dark',
  via: 'picker' | 'typed' = 'picker',
): Promise<Page> {
  // Reduced motion: screenshots show where things end up, not a tab indicator halfway through its slide.
  const context = await browser.newContext({
    colorScheme,
    reducedMotion: 'reduce',
    viewport: { width: 1200, height: 760 },
  });
  contexts.push(context);
  // A step that cannot happen fails in seconds, naming what it waited for, rather than at the test's timeout.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(running.url);
  if (via === 'picker') {
    await page.getByRole('button', { name: new RegExp(`^${email}`) }).click();
  } else {
    await page.getByRole('textbox', { name: 'Email' }).fill(email);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }
  await page.getByRole('tab', { name: 'My chats' }).waitFor();
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: artifactPath(`tab-${name}.png`) });

beforeAll(async () => {
  const tabDir = ensureTabBuilt();
  removeFailureShots();
  const db = await freshDatabaseUrl();
  drop = db.drop;
  gateway = new InMemoryWhatsAppGateway();
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ...(db.url ? { DATABASE_URL: db.url } : {}) });
  running = await startBridgeline(config, {
    gateway,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    inMemoryDatabase: true,
    tabDir,
  });
  browser = await launchChromium();
}, 180_000);

afterEach(async (test) => {
  if (test.task.result?.state !== 'fail') return;
  // What each browser showed when the test failed.
  let n = 0;
  for (const c of contexts) for (const p of c.pages()) await shot(p, `failure-${++n}`).catch(() => undefined);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await running?.stop();
  await drop?.();
});

describe('the tab in a real browser', () => {
  it('lets a member start a WhatsApp thread, talk with the contact, share it and leave', async () => {
    const alice = await signedIn('alice@contoso.test', 'light');
    await expect.poll(() => alice.getByText('No conversations yet').count()).toBeGreaterThan(0);
    await shot(alice, 'inbox-empty-light');

    // New message to a number that has never opted in: the opt-in confirmation.
    await alice.getByRole('button', { name: 'New message' }).first().click();
    await alice.getByLabel('To').fill('+1 415 555 0142');
    await alice.getByRole('button', { name: 'Start conversation' }).click();
    await alice.getByText('Send the opt-in request?').waitFor();
    await shot(alice, 'opt-in-confirmation-light');
    await alice.getByRole('button', { name: 'Send opt-in request' }).click();

    // The thread opens; what Alice types now is held until the contact accepts.
    const message = alice.getByRole('textbox', { name: 'Message' });
    await message.fill('Hello Dana, this is Alice from Contoso.');
    await message.press('Enter');
    const conversation = alice.getByRole('list', { name: /Conversation with/ });
    await conversation.getByText('Hello Dana, this is Alice from Contoso.').waitFor();
    await conversation.getByText('Held — will be sent when the contact accepts the opt-in request').waitFor();
    // The inbox shows the new thread without a reload.
    await alice.getByRole('list', { name: 'Conversations' }).getByText(CONTACT_NAME).first().waitFor();
    await shot(alice, 'thread-waiting-for-opt-in-light');

    // The contact taps "Start conversation": consent, then the held message goes out and its ticks follow.
    await contactSays({ buttonPayload: BUTTON_PAYLOADS.accept, text: undefined });
    await expect
      .poll(() => gateway.sent.some((m) => m.content.type === 'text'), { timeout: 10_000 })
      .toBe(true);
    await conversation.getByRole('img', { name: 'Sent' }).first().waitFor();
    await phoneReports('delivered');
    await conversation.getByRole('img', { name: 'Delivered' }).first().waitFor();
    await contactSays({ text: 'Hi Alice! Happy to chat here.' });
    await conversation.getByText('Hi Alice! Happy to chat here.').waitFor();
    await phoneReports('read');
    await conversation.getByRole('img', { name: 'Read' }).first().waitFor();
    await message.fill('Great. I will send the documents today.');
    await message.press('Enter');
    await expect
      .poll(() => gateway.sent.some((m) => m.content.type === 'text' && m.content.text.includes('documents')))
      .toBe(true);
    await shot(alice, 'thread-light');

    // Alice adds Bob and shares the history.
    await alice.getByRole('button', { name: 'Conversation details' }).click();
    const details = alice.getByRole('complementary', { name: 'Conversation details' });
    await details.getByRole('button', { name: 'Add member' }).click();
    const picker = alice.getByRole('dialog');
    await picker.getByRole('radio', { name: /Bob Smith/ }).check();
    await picker.getByRole('switch', { name: 'Share chat history' }).check();
    await shot(alice, 'add-member-light');
    await picker.getByRole('button', { name: 'Add', exact: true }).click();
    await details.getByText('Members (2 of 10)').waitFor();
    await conversation.getByText('Alice Johnson added Bob Smith', { exact: false }).first().waitFor();
    await shot(alice, 'details-light');

    // Bob, in the dark theme, finds the thread live in his inbox with its history.
    const bob = await signedIn('bob@contoso.test', 'dark');
    await shot(bob, 'inbox-dark');
    await bob.getByRole('list', { name: 'Conversations' }).getByText(CONTACT_NAME).first().click();
    const bobsView = bob.getByRole('list', { name: /Conversation with/ });
    await bobsView.getByText('Hello Dana, this is Alice from Contoso.').waitFor();
    await shot(bob, 'thread-dark');

    // Bob adds Erin (a colleague the admin just enabled) without the history.
    const admin = await fetch(`${running.url}/api/v1/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'alice@contoso.test' }),
    }).then((r) => r.json() as Promise<{ token: string }>);
    const created = await fetch(`${running.url}/api/v1/admin/members`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'erin@contoso.test',
        displayName: 'Erin Park',
        region: 'us',
        enabled: true,
      }),
    });
    expect(created.status).toBe(201);
    await bob.getByRole('button', { name: 'Conversation details' }).click();
    await bob.getByRole('button', { name: 'Add member' }).click();
    const bobsPicker = bob.getByRole('dialog');
    await bobsPicker.getByRole('radio', { name: /Erin Park/ }).check();
    await expect(bobsPicker.getByRole('switch', { name: 'Share chat history' }).isChecked()).resolves.toBe(
      false,
    );
    await expect(bobsPicker.getByRole('button', { name: 'Add', exact: true }).isEnabled()).resolves.toBe(
      true,
    );
    await shot(bob, 'add-member-dark');
    await bobsPicker.getByRole('button', { name: 'Add', exact: true }).click();
    await bob.getByText('Members (3 of 10)').waitFor();
    await shot(bob, 'details-dark');
    const bobsMessage = bob.getByRole('textbox', { name: 'Message' });
    await bobsMessage.fill('Welcome Erin: Dana is asking about the documents.');
    await bobsMessage.press('Enter');
    await bobsView.getByText('Welcome Erin: Dana is asking about the documents.').waitFor();

    // Erin sees only what happened since she joined.
    const erin = await signedIn('erin@contoso.test', 'light', 'typed');
    await erin.getByRole('list', { name: 'Conversations' }).getByText(CONTACT_NAME).first().click();
    const erinsView = erin.getByRole('list', { name: /Conversation with/ });
    await erinsView.getByText('Welcome Erin: Dana is asking about the documents.').waitFor();
    await expect(erinsView.getByText('Hello Dana, this is Alice from Contoso.').count()).resolves.toBe(0);
    await expect(erinsView.getByText('Hi Alice! Happy to chat here.').count()).resolves.toBe(0);

    // Alice leaves: her inbox moves the thread to Left, the others and the contact are told.
    await details.getByRole('button', { name: 'Leave' }).click();
    await alice.getByRole('alertdialog').getByRole('button', { name: 'Leave' }).click();
    await alice.getByText('Choose a conversation, or start a new one.').waitFor();
    await bobsView.getByText('Alice Johnson left the conversation', { exact: false }).first().waitFor();
    await expect
      .poll(() =>
        gateway.sent.some((m) => m.content.type === 'text' && /Alice Johnson left/.test(m.content.text)),
      )
      .toBe(true);
    await alice.getByRole('tab', { name: 'Left' }).click();
    await alice.getByRole('list', { name: 'Conversations' }).getByText(CONTACT_NAME).first().waitFor();
    await shot(alice, 'inbox-left-light');
    await bob.getByText('Members (2 of 10)').waitFor();
    await shot(bob, 'thread-after-leave-dark');
  }, 120_000);
});
