import { describe, expect, it } from 'vitest';
import { actedOnCard, rejoinRequestCard } from '../../../src/teams/cards/index.js';
import { aThread, IDS, RECIPIENT_USER_ID, TAB } from '../card-fixtures.js';
import { allActions, allOfType } from '../card-validation.js';

describe('actedOnCard', () => {
  it('replaces an acted-on card with its summary and the outcome, exactly', () => {
    const original = rejoinRequestCard({
      thread: aThread(),
      tab: TAB,
      requester: 'Bob Ray',
      requestId: IDS.request,
      recipientUserId: RECIPIENT_USER_ID,
    });
    expect(
      actedOnCard(original.summary, 'You approved: Bob Ray is back in the conversation.', 'good'),
    ).toEqual({
      summary: 'Bob Ray asks to rejoin the conversation with Dana Scully',
      card: {
        type: 'AdaptiveCard',
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        version: '1.5',
        body: [
          {
            type: 'RichTextBlock',
            inlines: [
              {
                type: 'TextRun',
                text: 'Bob Ray asks to rejoin the conversation with Dana Scully',
                isSubtle: true,
              },
            ],
          },
          {
            type: 'RichTextBlock',
            inlines: [
              {
                type: 'TextRun',
                text: 'You approved: Bob Ray is back in the conversation.',
                weight: 'bolder',
                color: 'good',
              },
            ],
          },
        ],
      },
    });
  });

  it('has no actions, no inputs and no refresh, so nothing on it can act twice', () => {
    const { card } = actedOnCard('Reply to Dana Scully', 'Sent');
    expect(allActions(card)).toEqual([]);
    expect(allOfType(card, 'Input.Text', 'Input.ChoiceSet', 'Input.Toggle', 'ActionSet')).toEqual([]);
    expect(card.refresh).toBeUndefined();
    expect(card.actions).toBeUndefined();
  });
});
