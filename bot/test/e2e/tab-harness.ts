import { afterAll, afterEach, beforeAll } from 'vitest';
import pino from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { startBridgeline, type Running } from '../../src/bootstrap.js';
import { freshDatabaseUrl } from '../support/test-database.js';
import { artifactPath, ensureTabBuilt, launchChromium, removeFailureShots } from './browser-support.js';

export interface PageOptions {
  width?: number;
  height?: number;
}

export interface TabHarness {
  /** The server under test; set once the file's beforeAll has run. */
  readonly running: Running;
  /** A fresh browser context and page; a page error fails the test. */
  newPage(colorScheme: 'light' | 'dark', options?: PageOptions): Promise<Page>;
  /** A page signed in as `email` through the dev sign-in, its inbox shown. */
  signedIn(
    email: string,
    colorScheme: 'light' | 'dark',
    options?: PageOptions & { via?: 'picker' | 'typed' },
  ): Promise<Page>;
  /** A screenshot under test-artifacts/, named `<prefix>-<name>.png`. */
  shot(page: Page, name: string): Promise<Buffer>;
}

/**
 * One browser test file's world: the built tab, the real server in-process (dev sign-in, the WhatsApp sandbox, a
 * database of its own) and Debian's Chromium, started in beforeAll; screenshots of every open page when a test fails;
 * everything closed in afterAll. `env` adds settings to the server's.
 */
export function useTabInBrowser(prefix: string, env: Record<string, string> = {}): TabHarness {
  let running: Running | undefined;
  let drop: (() => Promise<void>) | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  const shot = (page: Page, name: string) => page.screenshot({ path: artifactPath(`${prefix}-${name}.png`) });

  async function newPage(colorScheme: 'light' | 'dark', options: PageOptions = {}): Promise<Page> {
    if (!browser) throw new Error('the browser starts in beforeAll');
    // Reduced motion: screenshots show where things end up, not a tab indicator halfway through its slide.
    const context = await browser.newContext({
      colorScheme,
      reducedMotion: 'reduce',
      viewport: { width: options.width ?? 1200, height: options.height ?? 760 },
    });
    contexts.push(context);
    // A step that cannot happen fails in seconds, naming what it waited for, rather than at the test's timeout.
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    return page;
  }

  beforeAll(async () => {
    const tabDir = await ensureTabBuilt();
    removeFailureShots();
    const db = await freshDatabaseUrl();
    drop = db.drop;
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      ...env,
      ...(db.url ? { DATABASE_URL: db.url } : {}),
    });
    running = await startBridgeline(config, {
      log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
      inMemoryDatabase: true,
      embeddedSnapshot: db.snapshot,
      tabDir,
    });
    browser = await launchChromium();
  }, 180_000);

  afterEach(async (test) => {
    if (test.task.result?.state !== 'fail') return;
    // What each browser showed when the test failed.
    let n = 0;
    for (const c of contexts)
      for (const p of c.pages()) await shot(p, `failure-${++n}`).catch(() => undefined);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await running?.stop();
    await drop?.();
  });

  return {
    get running() {
      if (!running) throw new Error('the server starts in beforeAll');
      return running;
    },
    newPage,
    async signedIn(email, colorScheme, options = {}) {
      const page = await newPage(colorScheme, options);
      await page.goto(this.running.url);
      if ((options.via ?? 'picker') === 'picker') {
        await page.getByRole('button', { name: new RegExp(`^${email}`) }).click();
      } else {
        await page.getByRole('textbox', { name: 'Email' }).fill(email);
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      }
      await page.getByRole('tab', { name: 'My chats' }).waitFor();
      return page;
    },
    shot,
  };
}
