import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { TestAdapter, type Activity } from 'botbuilder';
import { createDlpRule, deleteDlpRule } from '../../../src/app/dlp/rules.use-case.js';
import { BridgelineBot } from '../../../src/teams/bridgeline.bot.js';
import { CardActionHandler } from '../../../src/teams/card-action.handler.js';
import {
  AAD_TENANT,
  ALICE_AAD,
  startTeamsTestApp,
  TAB,
  teamsActivity,
  type TeamsTestApp,
} from '../support/teams-test-app.js';

/** Data loss prevention on the bot card's quick reply (docs/dlp.md): the same decision as the tab's send. */
let app: TeamsTestApp;
let bot: BridgelineBot;

beforeAll(async () => {
  app = await startTeamsTestApp({ auth: false });
  const ctx = app.running.ctx;
  bot = new BridgelineBot(ctx, new CardActionHandler(ctx, TAB), TAB, pino({ level: 'silent' }));
});
afterAll(async () => app?.stop());

const CARD = '4111 1111 1111 1111';

async function reply(threadId: string, replyText: string) {
  const clientMessageId = randomUUID();
  const adapter = new TestAdapter((ctx) => bot.run(ctx));
  await adapter.processActivity(
    teamsActivity({
      type: 'invoke',
      name: 'adaptiveCard/action',
      conversationId: `a:${AAD_TENANT}`,
      aadObjectId: ALICE_AAD,
      value: {
        action: { type: 'Action.Execute', verb: 'reply', data: { threadId, clientMessageId, replyText } },
        trigger: 'manual',
      },
    }) as Partial<Activity>,
  );
  const [answer] = adapter.activeQueue.splice(0);
  const body = (answer?.value as { body: { statusCode: number; value: unknown } }).body;
  const rows = await app.sql<{ text: string; dlp_flags: string[] | null }>(
    'SELECT text, dlp_flags FROM messages WHERE client_message_id = $1',
    [clientMessageId],
  );
  return { card: JSON.stringify(body.value), rows };
}

async function withRule(action: 'block' | 'redact' | 'flag', work: () => Promise<void>) {
  const alice = await app.member('alice@contoso.test');
  const rule = await createDlpRule(app.running.ctx, alice, {
    name: 'Cards',
    kind: 'detector',
    detector: 'credit_card',
    action,
  });
  if (!rule.ok) throw new Error(rule.detail);
  try {
    await work();
  } finally {
    await deleteDlpRule(app.running.ctx, alice, rule.value.id);
  }
}

async function thread(): Promise<string> {
  const phone = `+1415555${String(2000 + Math.floor(Math.random() * 7000))}`;
  const threadId = await app.aliceStartsThread(phone);
  await app.contactWrites(phone, 'yes');
  return threadId;
}

describe('DLP on the card quick reply', () => {
  it('blocks a quick reply a block rule matches: the card says which rule and why, nothing is stored', async () => {
    const threadId = await thread();
    await withRule('block', async () => {
      const { card, rows } = await reply(threadId, `card ${CARD}`);
      expect(card).toContain('Rule “Cards” found a payment card number');
      expect(card).toContain('the message is not sent');
      expect(rows).toHaveLength(0);
      const blocked = await app.sql("SELECT 1 FROM archive_records WHERE type = 'dlp.blocked'");
      expect(blocked.length).toBeGreaterThan(0);
    });
  });

  it('stores and shows a redacted quick reply with [redacted], never the original', async () => {
    const threadId = await thread();
    await withRule('redact', async () => {
      const { card, rows } = await reply(threadId, `card ${CARD} ok`);
      expect(rows).toEqual([{ text: 'card [redacted] ok', dlp_flags: null }]);
      expect(card).toContain('card [redacted] ok');
      expect(card).not.toContain('4111');
    });
  });

  it('sends a flagged quick reply as written and marks it', async () => {
    const threadId = await thread();
    await withRule('flag', async () => {
      const { rows } = await reply(threadId, `card ${CARD}`);
      expect(rows).toEqual([{ text: `card ${CARD}`, dlp_flags: ['Cards'] }]);
    });
  });
});
