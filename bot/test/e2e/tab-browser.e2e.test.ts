import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { artifactPath, ensureTabBuilt, launchChromium } from './browser-support.js';

/**
 * The tab in Debian's Chromium against the real server (in-process, sandbox WhatsApp, dev sign-in): what a member
 * does all day, end to end. Screenshots of the main screens, light and dark, go to test-artifacts/.
 */

const CONTACT = '+14155550142';
const PHONE_NUMBER_ID = '100000000000001';

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

async function signedIn(email: string, colorScheme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1200, height: 760 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(running.url);
  await page.getByRole('button', { name: new RegExp(`^${email}`) }).click();
  await page.getByRole('tab', { name: 'My chats' }).waitFor();
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: artifactPath(`tab-${name}.png`) });

beforeAll(async () => {
  const tabDir = ensureTabBuilt();
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
    await alice.getByRole('list', { name: 'Conversations' }).getByText('+14155550142').first().waitFor();
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
  });
});
