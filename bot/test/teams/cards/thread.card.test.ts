import { describe, expect, it } from 'vitest';
import {
  refusalNotice,
  threadCard,
  MAX_MEMBER_CHOICES,
  type InputChoiceSet,
  type ShowCardAction,
  type ThreadCardInput,
} from '../../../src/teams/cards/index.js';
import {
  aMember,
  aThread,
  aThreadCardInput,
  expectedNotice,
  IDS,
  openInBridgeline,
  plainText,
  refreshFor,
  textBlock,
} from '../card-fixtures.js';
import { allActions, allOfType, allText as words } from '../card-validation.js';

const aThreadCard = (overrides: Partial<ThreadCardInput> = {}) => threadCard(aThreadCardInput(overrides));

/** The required, filtered member picker of the Add, Remove and Transfer forms. */
const memberPicker = (id: string, label: string, choices: InputChoiceSet['choices']): InputChoiceSet => ({
  type: 'Input.ChoiceSet',
  id,
  label,
  placeholder: 'Choose a member',
  style: 'filtered',
  choices,
  isRequired: true,
  errorMessage: 'Choose a member.',
});

const tenMembers = Array.from({ length: 10 }, (_, i) =>
  aMember(i === 0 ? IDS.alice : `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, `Member ${i}`),
);
const showCards = (card: unknown) =>
  allActions(card).filter((a): a is ShowCardAction & Record<string, unknown> => a.type === 'Action.ShowCard');

describe('threadCard', () => {
  it('builds the card exactly: members, Add (with the history toggle), Remove, Transfer, Leave', () => {
    const thread = { threadId: IDS.thread };
    const carol = [{ title: 'Carol Vu', value: IDS.carol }];
    expect(aThreadCard()).toStrictEqual(
      expectedNotice({
        summary: 'Conversation with Dana Scully',
        headline: ['Conversation with ', { bold: 'Dana Scully' }],
        details: [
          {
            type: 'RichTextBlock',
            inlines: [{ type: 'TextRun', text: 'Members (2 of 10) · region US', weight: 'bolder' }],
            spacing: 'medium',
          },
          {
            type: 'RichTextBlock',
            inlines: [
              { type: 'TextRun', text: 'Alice Ng' },
              { type: 'TextRun', text: ' (you)', isSubtle: true },
            ],
          },
          plainText('Bob Ray'),
        ],
        actions: [
          {
            type: 'Action.ShowCard',
            title: 'Add member',
            card: {
              type: 'AdaptiveCard',
              body: [
                memberPicker('addMemberId', 'Member to add', carol),
                { type: 'Input.Toggle', id: 'shareHistory', title: 'Share chat history', value: 'false' },
              ],
              actions: [
                { type: 'Action.Execute', title: 'Add', verb: 'member.add', data: thread, style: 'positive' },
              ],
            },
          },
          {
            type: 'Action.ShowCard',
            title: 'Remove member',
            card: {
              type: 'AdaptiveCard',
              body: [
                memberPicker('removeMemberId', 'Member to remove', [{ title: 'Bob Ray', value: IDS.bob }]),
              ],
              actions: [
                {
                  type: 'Action.Execute',
                  title: 'Remove',
                  verb: 'member.remove',
                  data: thread,
                  style: 'destructive',
                },
              ],
            },
          },
          {
            type: 'Action.ShowCard',
            title: 'Transfer',
            card: {
              type: 'AdaptiveCard',
              body: [
                memberPicker('transferMemberId', 'Transfer to', carol),
                plainText(
                  'They join with the chat history, Dana Scully is told, and you leave the conversation.',
                  {
                    isSubtle: true,
                  },
                ),
              ],
              actions: [{ type: 'Action.Execute', title: 'Transfer', verb: 'thread.transfer', data: thread }],
            },
          },
          {
            type: 'Action.ShowCard',
            title: 'Leave',
            card: {
              type: 'AdaptiveCard',
              body: [textBlock('You will stop seeing this conversation. You can ask to rejoin later.')],
              actions: [
                {
                  type: 'Action.Execute',
                  title: 'Leave conversation',
                  verb: 'thread.leave',
                  data: thread,
                  style: 'destructive',
                  associatedInputs: 'none',
                },
              ],
            },
          },
          openInBridgeline(),
        ],
        refresh: refreshFor({ card: 'thread', threadId: IDS.thread }),
      }),
    );
  });

  it('shows a refusal in words, in the tab’s wording', () => {
    const { card } = aThreadCard({ notice: refusalNotice('region_mismatch') });
    expect(card.body[2]).toEqual(
      plainText('Only members of the same region as the conversation can join it.', { color: 'attention' }),
    );
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
