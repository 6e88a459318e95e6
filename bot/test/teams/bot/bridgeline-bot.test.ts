import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { TestAdapter, type Activity } from 'botbuilder';
import { recordConversationReference } from '../../../src/teams/record-conversation-reference.js';
import { BridgelineBot } from '../../../src/teams/bridgeline.bot.js';
import { CardActionHandler } from '../../../src/teams/card-action.handler.js';
import { helpCard, notEnabledCard } from '../../../src/teams/cards/index.js';
import {
  AAD_TENANT,
  ALICE_AAD,
  BOB_AAD,
  SERVICE_URL,
  startTeamsTestApp,
  TAB,
  teamsActivity,
  type TeamsTestApp,
} from '../support/teams-test-app.js';

let app: TeamsTestApp;
let bot: BridgelineBot;

beforeAll(async () => {
  app = await startTeamsTestApp({ auth: false });
  const ctx = app.running.ctx;
  bot = new BridgelineBot(ctx, new CardActionHandler(ctx, TAB), TAB, pino({ level: 'silent' }));
});
afterAll(async () => app?.stop());

/** One turn through botbuilder's TestAdapter: the activities the bot sent back, invoke responses included. */
async function turn(activity: Record<string, unknown>, by = bot): Promise<Partial<Activity>[]> {
  const adapter = new TestAdapter((ctx) => by.run(ctx));
  await adapter.processActivity(activity as Partial<Activity>);
  return adapter.activeQueue.splice(0);
}

const cardOf = (a: Partial<Activity> | undefined) => a?.attachments?.[0]?.content as Record<string, unknown>;
const invokeValue = (a: Partial<Activity> | undefined) =>
  (a?.value as { body: { statusCode: number; type: string; value: Record<string, unknown> } }).body;

async function references(): Promise<{ conversation_id: string; member_id: string }[]> {
  return app.sql('SELECT conversation_id, member_id FROM teams_conversations ORDER BY created_at');
}

/** A WhatsApp thread of Alice's in which the contact has answered "yes". */
async function aliceThreadWithMessage(): Promise<string> {
  const phone = `+1415555${String(2000 + Math.floor(Math.random() * 7000))}`;
  const threadId = await app.aliceStartsThread(phone);
  await app.contactWrites(phone, 'yes');
  return threadId;
}

describe('the Bridgeline bot in a personal chat (TestAdapter)', () => {
  it('keeps the conversation reference of an enabled member who installs it, and welcomes them with help', async () => {
    const conversationId = `a:${randomUUID()}`;
    const sent = await turn(teamsActivity({ type: 'installationUpdate', action: 'add', conversationId }));
    expect(sent).toHaveLength(1);
    expect(cardOf(sent[0])).toEqual(helpCard({ tab: TAB }).card);
    const alice = await app.member('alice@contoso.test');
    expect(await references()).toContainEqual({ conversation_id: conversationId, member_id: alice.id });
  });

  it('tells a Teams user who is not an enabled member so, and keeps nothing', async () => {
    const conversationId = `a:${randomUUID()}`;
    const before = (await references()).length;
    const sent = await turn(
      teamsActivity({ type: 'installationUpdate', action: 'add', conversationId, aadObjectId: randomUUID() }),
    );
    expect(cardOf(sent[0])).toEqual(notEnabledCard().card);
    await app.sql(`UPDATE members SET enabled = false WHERE email = 'bob@contoso.test'`);
    const disabled = await turn(
      teamsActivity({ type: 'message', text: 'help', conversationId, aadObjectId: BOB_AAD }),
    );
    await app.sql(`UPDATE members SET enabled = true WHERE email = 'bob@contoso.test'`);
    expect(cardOf(disabled[0])).toEqual(notEnabledCard().card);
    expect(await references()).toHaveLength(before);
  });

  it('knows a member whatever the case Teams spells their Entra tenant and object ids in', async () => {
    const conversationId = `a:${randomUUID()}`;
    const sent = await turn(
      teamsActivity({
        type: 'installationUpdate',
        action: 'add',
        conversationId,
        aadObjectId: ALICE_AAD.toUpperCase(),
        conversation: {
          id: conversationId,
          conversationType: 'personal',
          tenantId: AAD_TENANT.toUpperCase(),
        },
        channelData: { tenant: { id: AAD_TENANT.toUpperCase() } },
      }),
    );
    expect(cardOf(sent[0])).toEqual(helpCard({ tab: TAB }).card);
    const alice = await app.member('alice@contoso.test');
    expect(await references()).toContainEqual({ conversation_id: conversationId, member_id: alice.id });
  });

  it('answers help, and threads with a card of the member recent conversations', async () => {
    const conversationId = `a:${randomUUID()}`;
    await aliceThreadWithMessage();
    const help = await turn(teamsActivity({ type: 'message', text: 'help', conversationId }));
    expect(cardOf(help[0])).toEqual(helpCard({ tab: TAB }).card);
    const threads = await turn(teamsActivity({ type: 'message', text: ' Threads ', conversationId }));
    const card = JSON.stringify(cardOf(threads[0]));
    expect(card).toContain('Your recent conversations');
    expect(card).toContain('Dana');
  });

  it('forgets the conversation when the bot is uninstalled', async () => {
    const conversationId = `a:${randomUUID()}`;
    await turn(teamsActivity({ type: 'installationUpdate', action: 'add', conversationId }));
    expect((await references()).map((r) => r.conversation_id)).toContain(conversationId);
    await turn(teamsActivity({ type: 'installationUpdate', action: 'remove', conversationId }));
    expect((await references()).map((r) => r.conversation_id)).not.toContain(conversationId);
  });
});

describe('card actions (adaptiveCard/action invokes)', () => {
  const invoke = (verb: string, data: Record<string, unknown>, aadObjectId = ALICE_AAD) =>
    turn(
      teamsActivity({
        type: 'invoke',
        name: 'adaptiveCard/action',
        conversationId: `a:${AAD_TENANT}`,
        aadObjectId,
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      }),
    );

  it('sends a quick reply once however often the card is submitted, and answers with a card without buttons', async () => {
    const threadId = await aliceThreadWithMessage();
    const clientMessageId = randomUUID();
    const data = { threadId, clientMessageId, replyText: 'Thanks, Dana!' };
    const first = await invoke('reply', data);
    const again = await invoke('reply', data);
    expect(first.map((a) => a.type)).toEqual(['invokeResponse']);
    const body = invokeValue(first[0]);
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(body.value.actions).toBeUndefined();
    expect(JSON.stringify(body.value)).toContain('Sent: “Thanks, Dana!”');
    expect(invokeValue(again[0]).statusCode).toBe(200);
    const rows = await app.sql('SELECT id FROM messages WHERE client_message_id = $1', [clientMessageId]);
    expect(rows).toHaveLength(1);
  });

  it('retries a failed message from its card once, and never resends one that reached WhatsApp after all', async () => {
    const threadId = await aliceThreadWithMessage();
    const alice = await app.member('alice@contoso.test');
    const outbound = async (text: string, status: string) => {
      const [row] = await app.sql<{ id: string }>(
        `INSERT INTO messages (tenant_id, thread_id, business_number_id, contact_id, direction, type, text, status,
            sender_member_id, error)
         SELECT tenant_id, id, business_number_id, contact_id, 'out', 'text', $2, $3, $4,
                CASE WHEN $3 = 'failed' THEN '{"code":"131049","title":"Not delivered"}'::jsonb END
           FROM threads WHERE id = $1 RETURNING id`,
        [threadId, text, status, alice.id],
      );
      return row!.id;
    };
    const copies = async (text: string) =>
      (await app.sql('SELECT id FROM messages WHERE thread_id = $1 AND text = $2', [threadId, text])).length;

    const failed = await outbound('Your documents are ready', 'failed');
    const retry = { threadId, messageId: failed, clientMessageId: randomUUID() };
    const first = await invoke('message.retry', retry);
    await invoke('message.retry', retry);
    expect(JSON.stringify(invokeValue(first[0]).value)).toContain('Sent again.');
    expect(await copies('Your documents are ready')).toBe(2);

    // A send we could not confirm, then delivered after all (a late status restored it): Retry must not send twice.
    const delivered = await outbound('See you on Monday', 'delivered');
    const late = await invoke('message.retry', {
      threadId,
      messageId: delivered,
      clientMessageId: randomUUID(),
    });
    expect(JSON.stringify(invokeValue(late[0]).value)).toContain('It reached WhatsApp after all.');
    expect(await copies('See you on Monday')).toBe(1);
  });

  it('authorises every action again: a member who is not in the thread cannot reply from a card', async () => {
    const threadId = await aliceThreadWithMessage();
    const clientMessageId = randomUUID();
    const answer = await invoke('reply', { threadId, clientMessageId, replyText: 'Hi' }, BOB_AAD);
    expect(invokeValue(answer[0]).statusCode).toBe(200);
    expect(JSON.stringify(invokeValue(answer[0]).value)).not.toContain('Sent:');
    expect(
      await app.sql('SELECT id FROM messages WHERE client_message_id = $1', [clientMessageId]),
    ).toHaveLength(0);
  });

  it('refuses, in words on the thread card, a member of another region', async () => {
    const threadId = await aliceThreadWithMessage();
    const carol = await app.member('carol@contoso.test');
    const answer = await invoke('member.add', { threadId, addMemberId: carol.id });
    const card = JSON.stringify(invokeValue(answer[0]).value);
    expect(card).toContain('Only members of the same region as the conversation can join it.');
    expect(card).toContain('Add member');
  });

  it('adds a member from the thread card and shows the new member list', async () => {
    const threadId = await aliceThreadWithMessage();
    const bob = await app.member('bob@contoso.test');
    const answer = await invoke('member.add', { threadId, addMemberId: bob.id, shareHistory: 'true' });
    const card = JSON.stringify(invokeValue(answer[0]).value);
    expect(card).toContain('The member was added.');
    expect(card).toContain('Members (2 of 10)');
  });

  it('answers a refresh with the redrawn card and sends nothing else', async () => {
    const threadId = await aliceThreadWithMessage();
    const answer = await invoke('card.refresh', { card: 'thread', threadId });
    expect(answer.map((a) => a.type)).toEqual(['invokeResponse']);
    expect(JSON.stringify(invokeValue(answer[0]).value)).toContain('Conversation with');
  });

  it('refuses an unknown verb or bad data with a 400 error response', async () => {
    const unknown = await invoke('thread.explode', {});
    expect(invokeValue(unknown[0])).toEqual({
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'BadRequest', message: 'Unknown action thread.explode.' },
    });
    const bad = await invoke('reply', { threadId: 'nope' });
    expect(invokeValue(bad[0]).statusCode).toBe(400);
  });
});

describe('the serviceUrl of an activity (where replies and notices go)', () => {
  type Stored = { conversation_id: string; service_url: string; reference: { serviceUrl?: string } };
  const storedOf = async (email: string): Promise<Stored[]> =>
    app.sql<Stored>(
      `SELECT c.conversation_id, c.service_url, c.reference FROM teams_conversations c
         JOIN members m ON m.id = c.member_id WHERE m.email = $1`,
      [email],
    );

  it('never changes a stored reference when the activity names a host that is not a Bot Framework service', async () => {
    const conversationId = `a:${randomUUID()}`;
    await turn(teamsActivity({ type: 'installationUpdate', action: 'add', conversationId }));
    const before = await storedOf('alice@contoso.test');
    expect(before).toEqual([
      expect.objectContaining({ conversation_id: conversationId, service_url: SERVICE_URL }),
    ]);

    const attacker = 'https://attacker.example/amer/';
    const elsewhere = `a:${randomUUID()}`;
    const sent = [
      ...(await turn(
        teamsActivity({ type: 'message', text: 'threads', conversationId, serviceUrl: attacker }),
      )),
      ...(await turn(
        teamsActivity({
          type: 'installationUpdate',
          action: 'add',
          conversationId: elsewhere,
          serviceUrl: attacker,
        }),
      )),
      ...(await turn(
        teamsActivity({ type: 'installationUpdate', action: 'remove', conversationId, serviceUrl: attacker }),
      )),
      ...(await turn(
        teamsActivity({
          type: 'message',
          text: 'help',
          conversationId,
          serviceUrl: 'https://smba.trafficmanager.net.evil.com/amer/',
        }),
      )),
    ];

    expect(sent).toEqual([]);
    expect(await storedOf('alice@contoso.test')).toEqual(before);
  });

  it('is checked where the reference is recorded too, whoever records it', async () => {
    const conversationId = `a:${randomUUID()}`;
    await turn(teamsActivity({ type: 'installationUpdate', action: 'add', conversationId }));
    const before = await storedOf('alice@contoso.test');
    const record = (serviceUrl: string, referenceUrl = serviceUrl) =>
      recordConversationReference(
        app.running.ctx,
        {
          aadTenantId: AAD_TENANT,
          aadObjectId: ALICE_AAD,
          conversationId,
          serviceUrl,
          teamsUserId: '29:user-1',
          reference: { conversation: { id: conversationId }, serviceUrl: referenceUrl },
        },
        { allowLoopback: false },
      );
    expect(await record('https://attacker.example/')).toEqual({ ok: false, reason: 'untrusted_service_url' });
    expect(await record('http://localhost:56150/')).toEqual({ ok: false, reason: 'untrusted_service_url' });
    expect(await record(SERVICE_URL, 'https://attacker.example/')).toEqual({
      ok: false,
      reason: 'untrusted_service_url',
    });
    expect(await storedOf('alice@contoso.test')).toEqual(before);
  });

  it('answers a card action from such a host with a 400 and does nothing', async () => {
    const threadId = await aliceThreadWithMessage();
    const clientMessageId = randomUUID();
    const answer = await turn(
      teamsActivity({
        type: 'invoke',
        name: 'adaptiveCard/action',
        conversationId: `a:${AAD_TENANT}`,
        serviceUrl: 'https://attacker.example/',
        value: {
          action: {
            type: 'Action.Execute',
            verb: 'reply',
            data: { threadId, clientMessageId, replyText: 'Hi' },
          },
        },
      }),
    );
    expect(answer.map((a) => a.type)).toEqual(['invokeResponse']);
    expect(invokeValue(answer[0]).statusCode).toBe(400);
    expect(
      await app.sql('SELECT id FROM messages WHERE client_message_id = $1', [clientMessageId]),
    ).toHaveLength(0);
  });

  it('updates the stored reference when a Bot Framework service host sends a new one', async () => {
    const conversationId = `a:${randomUUID()}`;
    await turn(teamsActivity({ type: 'installationUpdate', action: 'add', conversationId }));
    const emea = 'https://smba.trafficmanager.net/emea/';
    await turn(teamsActivity({ type: 'message', text: 'help', conversationId, serviceUrl: emea }));
    expect(await storedOf('alice@contoso.test')).toEqual([
      {
        conversation_id: conversationId,
        service_url: emea,
        reference: expect.objectContaining({ serviceUrl: emea }),
      },
    ]);
  });

  it('accepts loopback (the Agents Playground) only from a bot told so, and http:// on a real host never', async () => {
    const ctx = app.running.ctx;
    const local = new BridgelineBot(ctx, new CardActionHandler(ctx, TAB), TAB, pino({ level: 'silent' }), {
      allowLoopback: true,
    });
    const conversationId = `a:${randomUUID()}`;
    const playground = 'http://localhost:56150/';
    const before = await storedOf('alice@contoso.test');
    await turn(
      teamsActivity({ type: 'installationUpdate', action: 'add', conversationId, serviceUrl: playground }),
    );
    await turn(
      teamsActivity({
        type: 'installationUpdate',
        action: 'add',
        conversationId,
        serviceUrl: 'http://smba.trafficmanager.net/amer/',
      }),
      local,
    );
    expect(await storedOf('alice@contoso.test')).toEqual(before);

    await turn(
      teamsActivity({ type: 'installationUpdate', action: 'add', conversationId, serviceUrl: playground }),
      local,
    );
    expect(await storedOf('alice@contoso.test')).toEqual([
      expect.objectContaining({ conversation_id: conversationId, service_url: playground }),
    ]);
  });
});
