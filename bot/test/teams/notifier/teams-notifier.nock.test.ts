import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import nock from 'nock';
import { helpCard, inboundMessageCard } from '../../../src/teams/cards/index.js';
import { TEAMS_CONVERSATION_WINDOWS } from '../../../src/teams/limits/index.js';
import type { TeamsConversationRecord } from '../../../src/teams/teams.store.js';
import {
  AAD_TENANT,
  ALICE_AAD,
  BOT_ID,
  SERVICE_URL,
  startTeamsTestApp,
  TAB,
  TEAMS_APP_ID,
  TOKEN,
  type TeamsTestApp,
} from '../support/teams-test-app.js';

let app: TeamsTestApp;
const CONNECTOR = SERVICE_URL.replace(/\/$/, '');

beforeAll(async () => {
  app = await startTeamsTestApp();
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
});
afterEach(() => nock.cleanAll());
afterAll(async () => {
  nock.enableNetConnect();
  await app?.stop();
});

let phones = 0;
async function threadWithContact(): Promise<{ threadId: string; phone: string }> {
  phones += 1;
  const phone = `+1415555${String(3000 + phones)}`;
  return { threadId: await app.aliceStartsThread(phone), phone };
}

async function runNotifyJobs(): Promise<string[]> {
  const jobs = await app.takeNotifyJobs();
  for (const job of jobs) await app.running.teams.notify(job);
  return jobs.map((j) => j.kind);
}

type CardBody = {
  type: string;
  summary: string;
  attachments: { contentType: string; content: Record<string, unknown> }[];
};

describe('Teams notifier against the Bot Connector (nock)', () => {
  it('posts the inbound card to the member chat with the bot token, and updates it in place for later messages', async () => {
    const conversationId = await app.install('alice@contoso.test');
    const { threadId, phone } = await threadWithContact();
    await app.takeNotifyJobs();
    await app.contactWrites(phone, 'Hello there');

    const path = `/v3/conversations/${encodeURIComponent(conversationId)}/activities`;
    const posted: CardBody[] = [];
    const updated: CardBody[] = [];
    const scope = nock(CONNECTOR, { reqheaders: { authorization: `Bearer ${TOKEN}` } })
      .post(path, (body: CardBody) => posted.push(body) > 0)
      .reply(201, { id: 'card-1' })
      .put(`${path}/card-1`, (body: CardBody) => updated.push(body) > 0)
      .reply(200, { id: 'card-1' });

    // "Hello there" is not an answer to the opt-in request: one card, for the message.
    expect(await runNotifyJobs()).toEqual(['inbound']);
    const first = posted[0]!;
    const content = first.attachments[0]!.content;
    const reply = (content.actions as { verb?: string; data?: { clientMessageId: string } }[])[0]!;
    const contact = { id: expect.any(String) as unknown as string, displayName: 'Dana', phone };
    const alice = await app.member('alice@contoso.test');
    expect(first).toEqual({
      type: 'message',
      serviceUrl: SERVICE_URL,
      channelId: 'msteams',
      from: { id: `28:${BOT_ID}`, name: 'Bridgeline' },
      conversation: { conversationType: 'personal', id: conversationId, tenantId: AAD_TENANT },
      recipient: { id: `29:${alice.id}`, aadObjectId: ALICE_AAD },
      summary: 'New WhatsApp message from Dana',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: inboundMessageCard({
            thread: { id: threadId, channel: 'whatsapp', contact },
            tab: TAB,
            recipientUserId: `29:${alice.id}`,
            replyClientMessageId: reply.data!.clientMessageId,
            newMessageCount: 1,
            latest: [
              { content: { kind: 'text', text: 'Hello there' }, sentAt: app.clock.now().toISOString() },
            ],
          }).card,
        },
      ],
    });

    for (const text of ['Are you there?', 'I have a question', 'About my account'])
      await app.contactWrites(phone, text);
    expect(await runNotifyJobs()).toEqual(['inbound', 'inbound', 'inbound']);
    // Three jobs, one update: the first showed all three messages, the others found nothing new.
    expect(updated).toHaveLength(1);
    expect(updated[0]!.summary).toBe('4 new messages from Dana on WhatsApp');
    expect(JSON.stringify(updated[0])).toContain('Showing the latest 3.');
    expect(scope.isDone()).toBe(true);
  });

  it("links a notice's Open in Bridgeline action to the configured TEAMS_APP_ID and the thread", async () => {
    const conversationId = await app.install('alice@contoso.test');
    const { threadId, phone } = await threadWithContact();
    await app.takeNotifyJobs();
    await app.contactWrites(phone, 'Where is the link?');
    const posted: CardBody[] = [];
    const scope = nock(CONNECTOR)
      .post(`/v3/conversations/${encodeURIComponent(conversationId)}/activities`, (body: CardBody) => {
        posted.push(body);
        return true;
      })
      .reply(201, { id: 'card-link' });

    await runNotifyJobs();

    expect(scope.isDone()).toBe(true);
    const urls = [...JSON.stringify(posted[0]).matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!);
    const link = new URL(urls.find((u) => u.includes('context=')) ?? 'about:blank');
    expect(link.origin + link.pathname).toBe(`https://teams.microsoft.com/l/entity/${TEAMS_APP_ID}/inbox`);
    expect(JSON.parse(link.searchParams.get('context') ?? '{}')).toEqual({ subEntityId: threadId });
  });

  it('retries a 429 after the Retry-After the service asked for, then succeeds', async () => {
    const conversation = await conversationOf(await app.install('bob@contoso.test'));
    const path = `/v3/conversations/${encodeURIComponent(conversation.conversationId)}/activities`;
    const waitsBefore = app.waits.length;
    const scope = nock(CONNECTOR)
      .post(path)
      .reply(429, { error: { code: 'TooManyRequests' } }, { 'Retry-After': '3' })
      .post(path)
      .reply(502)
      .post(path)
      .reply(201, { id: 'ok' });
    const result = await app.running.teams.sender.post(conversation, helpCard({ tab: TAB }));
    expect(result).toEqual({ ok: true, activityId: 'ok' });
    expect(scope.isDone()).toBe(true);
    const waits = app.waits.slice(waitsBefore).filter((w) => w >= 500);
    // 429: at least the 3 s asked for; 502 on the second attempt: 1–2 s of backoff with jitter (random = 0.5).
    expect(waits).toEqual([3000, 1500]);
  });

  it('removes the reference and stops sending when Teams says the bot is no longer in the chat', async () => {
    for (const [status, code] of [
      [403, 'BotNotInConversationRoster'],
      [404, 'ConversationNotFound'],
    ] as const) {
      const conversation = await conversationOf(await app.install('bob@contoso.test'));
      const path = `/v3/conversations/${encodeURIComponent(conversation.conversationId)}/activities`;
      const scope = nock(CONNECTOR)
        .post(path)
        .reply(status, { error: { code, message: 'gone' } });
      const result = await app.running.teams.sender.post(conversation, helpCard({ tab: TAB }));
      expect(result).toEqual({ ok: false, reason: 'gone' });
      expect(scope.isDone()).toBe(true);
      const rows = await app.sql('SELECT 1 FROM teams_conversations WHERE conversation_id = $1', [
        conversation.conversationId,
      ]);
      expect(rows).toHaveLength(0);
    }
  });

  it('never sends a card to a stored reference whose serviceUrl is not a Bot Framework service host', async () => {
    const conversationId = await app.install('bob@contoso.test');
    // A reference kept before service URLs were checked.
    await app.sql(
      `UPDATE teams_conversations
          SET service_url = $2, reference = jsonb_set(reference, '{serviceUrl}', to_jsonb($2::text))
        WHERE conversation_id = $1`,
      [conversationId, 'https://attacker.example/amer/'],
    );
    const attacker = nock('https://attacker.example').post(/.*/).reply(201, { id: 'stolen' });
    const connector = nock(CONNECTOR).post(/.*/).reply(201, { id: 'sent' });
    const conversation = await conversationOf(conversationId);
    const result = await app.running.teams.sender.post(conversation, helpCard({ tab: TAB }));
    expect(result).toEqual({ ok: false, reason: 'untrusted_service_url' });
    expect(attacker.isDone()).toBe(false);
    expect(connector.isDone()).toBe(false);
  });

  it('keeps a burst of 100 cards to one conversation within every Teams window (fake clock)', async () => {
    const conversation = await conversationOf(await app.install('bob@contoso.test'));
    const path = `/v3/conversations/${encodeURIComponent(conversation.conversationId)}/activities`;
    const sentAt: number[] = [];
    const scope = nock(CONNECTOR)
      .post(path)
      .times(100)
      .reply(201, () => {
        sentAt.push(app.clock.now().getTime());
        return { id: `burst-${sentAt.length}` };
      });
    const start = app.clock.now().getTime();
    for (let i = 0; i < 100; i++) {
      const r = await app.running.teams.sender.post(conversation, helpCard({ tab: TAB }));
      expect(r.ok).toBe(true);
    }
    expect(scope.isDone()).toBe(true);
    expect(sentAt).toHaveLength(100);
    for (const { windowMs, max } of TEAMS_CONVERSATION_WINDOWS) {
      for (const t of sentAt) {
        const inWindow = sentAt.filter((s) => s > t - windowMs && s <= t).length;
        expect(inWindow, `${inWindow} sends in ${windowMs} ms`).toBeLessThanOrEqual(max);
      }
    }
    // 60 per 30 s: the 61st send waits for the first to leave the window, so 100 take at least 30 s.
    expect(sentAt[99]! - start).toBeGreaterThanOrEqual(30_000);
    expect(sentAt[60]! - sentAt[0]!).toBe(30_000);
  });
});

async function conversationOf(conversationId: string): Promise<TeamsConversationRecord> {
  const c = await app.running.ctx.uow.run((s) => s.teams.byConversationId(conversationId));
  return c!;
}
