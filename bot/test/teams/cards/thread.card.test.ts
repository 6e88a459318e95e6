import { describe, expect, it } from 'vitest';
import {
  refusalNotice,
  threadCard,
  MAX_MEMBER_CHOICES,
  type ShowCardAction,
  type ThreadCardInput,
} from '../../../src/teams/cards/index.js';
import { aMember, aThread, IDS, RECIPIENT_USER_ID, TAB } from '../card-fixtures.js';
import { allActions, allOfType } from '../card-validation.js';

function aThreadCard(overrides: Partial<ThreadCardInput> = {}) {
  return threadCard({
    thread: { ...aThread(), state: 'open', region: 'us' },
    tab: TAB,
    recipientUserId: RECIPIENT_USER_ID,
    viewerMemberId: IDS.alice,
    members: [aMember(IDS.alice, 'Alice Ng'), aMember(IDS.bob, 'Bob Ray')],
    eligibleMembers: [aMember(IDS.carol, 'Carol Vu')],
    ...overrides,
  });
}

const tenMembers = Array.from({ length: 10 }, (_, i) =>
  aMember(i === 0 ? IDS.alice : `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, `Member ${i}`),
);
const showCards = (card: unknown) =>
  allActions(card).filter((a): a is ShowCardAction & Record<string, unknown> => a.type === 'Action.ShowCard');
const words = (card: unknown): string =>
  allOfType(card, 'TextBlock', 'TextRun')
    .map((t) => t.text)
    .join(' ');

describe('threadCard', () => {
  it('builds the card exactly: members, Add (with the history toggle), Remove, Transfer, Leave', () => {
    expect(aThreadCard()).toMatchInlineSnapshot(`
      {
        "card": {
          "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
          "actions": [
            {
              "card": {
                "actions": [
                  {
                    "data": {
                      "threadId": "3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c",
                    },
                    "style": "positive",
                    "title": "Add",
                    "type": "Action.Execute",
                    "verb": "member.add",
                  },
                ],
                "body": [
                  {
                    "choices": [
                      {
                        "title": "Carol Vu",
                        "value": "ca201000-0000-4000-8000-000000000003",
                      },
                    ],
                    "errorMessage": "Choose a member.",
                    "id": "addMemberId",
                    "isRequired": true,
                    "label": "Member to add",
                    "placeholder": "Choose a member",
                    "style": "filtered",
                    "type": "Input.ChoiceSet",
                  },
                  {
                    "id": "shareHistory",
                    "title": "Share chat history",
                    "type": "Input.Toggle",
                    "value": "false",
                  },
                ],
                "type": "AdaptiveCard",
              },
              "title": "Add member",
              "type": "Action.ShowCard",
            },
            {
              "card": {
                "actions": [
                  {
                    "data": {
                      "threadId": "3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c",
                    },
                    "style": "destructive",
                    "title": "Remove",
                    "type": "Action.Execute",
                    "verb": "member.remove",
                  },
                ],
                "body": [
                  {
                    "choices": [
                      {
                        "title": "Bob Ray",
                        "value": "b0b00000-0000-4000-8000-000000000002",
                      },
                    ],
                    "errorMessage": "Choose a member.",
                    "id": "removeMemberId",
                    "isRequired": true,
                    "label": "Member to remove",
                    "placeholder": "Choose a member",
                    "style": "filtered",
                    "type": "Input.ChoiceSet",
                  },
                ],
                "type": "AdaptiveCard",
              },
              "title": "Remove member",
              "type": "Action.ShowCard",
            },
            {
              "card": {
                "actions": [
                  {
                    "data": {
                      "threadId": "3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c",
                    },
                    "title": "Transfer",
                    "type": "Action.Execute",
                    "verb": "thread.transfer",
                  },
                ],
                "body": [
                  {
                    "choices": [
                      {
                        "title": "Carol Vu",
                        "value": "ca201000-0000-4000-8000-000000000003",
                      },
                    ],
                    "errorMessage": "Choose a member.",
                    "id": "transferMemberId",
                    "isRequired": true,
                    "label": "Transfer to",
                    "placeholder": "Choose a member",
                    "style": "filtered",
                    "type": "Input.ChoiceSet",
                  },
                  {
                    "inlines": [
                      {
                        "isSubtle": true,
                        "text": "They join with the chat history, Dana Scully is told, and you leave the conversation.",
                        "type": "TextRun",
                      },
                    ],
                    "type": "RichTextBlock",
                  },
                ],
                "type": "AdaptiveCard",
              },
              "title": "Transfer",
              "type": "Action.ShowCard",
            },
            {
              "card": {
                "actions": [
                  {
                    "associatedInputs": "none",
                    "data": {
                      "threadId": "3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c",
                    },
                    "style": "destructive",
                    "title": "Leave conversation",
                    "type": "Action.Execute",
                    "verb": "thread.leave",
                  },
                ],
                "body": [
                  {
                    "text": "You will stop seeing this conversation. You can ask to rejoin later.",
                    "type": "TextBlock",
                    "wrap": true,
                  },
                ],
                "type": "AdaptiveCard",
              },
              "title": "Leave",
              "type": "Action.ShowCard",
            },
            {
              "title": "Open in Bridgeline",
              "type": "Action.OpenUrl",
              "url": "https://teams.microsoft.com/l/entity/7d9f3c2e-1b4a-4e6f-8a2b-3c4d5e6f7a8b/inbox?context=%7B%22subEntityId%22%3A%223f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c%22%7D",
            },
          ],
          "body": [
            {
              "inlines": [
                {
                  "size": "medium",
                  "text": "Conversation with ",
                  "type": "TextRun",
                },
                {
                  "size": "medium",
                  "text": "Dana Scully",
                  "type": "TextRun",
                  "weight": "bolder",
                },
              ],
              "type": "RichTextBlock",
            },
            {
              "inlines": [
                {
                  "isSubtle": true,
                  "size": "small",
                  "text": "+14155550142 · WhatsApp",
                  "type": "TextRun",
                },
              ],
              "type": "RichTextBlock",
            },
            {
              "inlines": [
                {
                  "text": "Members (2 of 10) · region US",
                  "type": "TextRun",
                  "weight": "bolder",
                },
              ],
              "spacing": "medium",
              "type": "RichTextBlock",
            },
            {
              "inlines": [
                {
                  "text": "Alice Ng",
                  "type": "TextRun",
                },
                {
                  "isSubtle": true,
                  "text": " (you)",
                  "type": "TextRun",
                },
              ],
              "type": "RichTextBlock",
            },
            {
              "inlines": [
                {
                  "text": "Bob Ray",
                  "type": "TextRun",
                },
              ],
              "type": "RichTextBlock",
            },
          ],
          "refresh": {
            "action": {
              "data": {
                "card": "thread",
                "threadId": "3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c",
              },
              "title": "Refresh",
              "type": "Action.Execute",
              "verb": "card.refresh",
            },
            "userIds": [
              "29:1XyZ-alice-teams-user-id",
            ],
          },
          "type": "AdaptiveCard",
          "version": "1.5",
        },
        "summary": "Conversation with Dana Scully",
      }
    `);
  });

  it('shows a refusal in words, in the tab’s wording', () => {
    const { card } = aThreadCard({ notice: refusalNotice('region_mismatch') });
    expect(card.body[2]).toEqual({
      type: 'RichTextBlock',
      inlines: [
        {
          type: 'TextRun',
          text: 'Only members of the same region as the conversation can join it.',
          color: 'attention',
        },
      ],
    });
  });

  it.each([
    ['thread_full', 'A conversation can have at most 10 members.'],
    ['member_not_enabled', 'That member is not enabled for WhatsApp messaging.'],
    ['not_enabled', 'WhatsApp messaging is not enabled for you. Ask your Teams admin to enable it.'],
  ] as const)('words the %s refusal', (code, text) => {
    expect(refusalNotice(code)).toEqual({ tone: 'error', text });
  });

  it('offers no Add when the thread has 10 members, and says why, but still offers Transfer', () => {
    const { card } = aThreadCard({ members: tenMembers });
    expect(showCards(card).map((a) => a.title)).toEqual(['Remove member', 'Transfer', 'Leave']);
    expect(words(card)).toContain('A conversation can have at most 10 members.');
    expect(words(card)).toContain('Members (10 of 10)');
  });

  it('offers neither Add nor Transfer when no member of the region is eligible, and says why', () => {
    const { card } = aThreadCard({ eligibleMembers: [] });
    expect(showCards(card).map((a) => a.title)).toEqual(['Remove member', 'Leave']);
    expect(words(card)).toContain('No other enabled member of region US can join.');
  });

  it('offers no Remove to a member alone in the thread', () => {
    const { card } = aThreadCard({ members: [aMember(IDS.alice, 'Alice Ng')] });
    expect(showCards(card).map((a) => a.title)).toEqual(['Add member', 'Transfer', 'Leave']);
  });

  it('lists at most 25 eligible members and says how many there are', () => {
    const many = Array.from({ length: 40 }, (_, i) =>
      aMember(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, `M${i}`),
    );
    const { card } = aThreadCard({ eligibleMembers: many });
    const [add] = showCards(card);
    const choices = allOfType(add, 'Input.ChoiceSet')[0]?.choices;
    expect(choices).toHaveLength(MAX_MEMBER_CHOICES);
    expect(words(add)).toContain('Showing 25 of 40. Open Bridgeline to find the others.');
  });

  it('has the share-history toggle off by default', () => {
    const [add] = showCards(aThreadCard().card);
    expect(allOfType(add, 'Input.Toggle')).toEqual([
      { type: 'Input.Toggle', id: 'shareHistory', title: 'Share chat history', value: 'false' },
    ]);
  });

  it('shows a closed thread without actions other than the link, and without refresh', () => {
    const { card } = aThreadCard({ thread: { ...aThread(), state: 'closed', region: 'us' } });
    expect(allActions(card).map((a) => a.type)).toEqual(['Action.OpenUrl']);
    expect(card.refresh).toBeUndefined();
    expect(words(card)).toContain('This conversation is closed. Start a new chat with the contact.');
  });
});
