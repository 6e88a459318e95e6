import { ERROR_CODES } from '@bridgeline/shared';
import type { BuiltCard } from './adaptive-card.types.js';
import { adaptiveCard, execute, factSet, heading, openUrl, textBlock } from './card-elements.js';
import { tabHomeLink, type TabRef } from './tab-deep-link.js';

export interface HelpCardInput {
  tab: TabRef;
}

/** The `help` command, and the answer to anything the bot doesn't understand. */
export function helpCard(input: HelpCardInput): BuiltCard {
  const card = adaptiveCard(
    [
      heading('Bridgeline'),
      textBlock(
        'I tell you what happens in your WhatsApp and SMS conversations, and you can answer from the cards. ' +
          'Everything else is in the Bridgeline tab.',
      ),
      textBlock('Commands', { weight: 'bolder', spacing: 'medium' }),
      factSet([
        { title: 'threads', value: 'your recent conversations' },
        { title: 'help', value: 'this message' },
      ]),
    ],
    [
      execute('Show my conversations', 'threads.list', {}),
      openUrl('Open Bridgeline', tabHomeLink(input.tab.appId, input.tab.entityId)),
    ],
  );
  return { card, summary: 'Bridgeline help' };
}

/** For a Teams user who installed the bot but isn't an enabled member: no actions, only the reason. */
export function notEnabledCard(): BuiltCard {
  const card = adaptiveCard([heading('Bridgeline'), textBlock(ERROR_CODES.not_enabled.title)]);
  return { card, summary: ERROR_CODES.not_enabled.title };
}

/** What a member just enabled can now do, in the order they will meet it. */
export const FIRST_RUN_POINTS = [
  'Message a contact on WhatsApp from your contact list, or by typing their phone number.',
  'A contact who has not opted in gets your organisation’s opt-in request first; what you type meanwhile waits.',
  'Answer contacts who write to your organisation from the Unassigned queue of your region.',
  'Add colleagues of your region to a conversation, or hand it over; everything is archived for compliance.',
];

/** The first-run card: sent once, when an admin enables the member (docs/admin.md "First run"). */
export function firstRunCard(input: { tab: TabRef; displayName: string }): BuiltCard {
  const card = adaptiveCard(
    [
      heading('WhatsApp messaging is now active for you'),
      textBlock(
        `Hello ${input.displayName}, your Teams admin has enabled you in Bridgeline. You can now hold WhatsApp ` +
          'conversations with your organisation’s contacts from Teams.',
      ),
      textBlock('What you can do', { weight: 'bolder', spacing: 'medium' }),
      ...FIRST_RUN_POINTS.map((p) => textBlock(`• ${p}`, { spacing: 'small' })),
      textBlock('I will post a card here when a contact writes to you or answers your opt-in request.', {
        spacing: 'medium',
      }),
    ],
    [openUrl('Open Bridgeline', tabHomeLink(input.tab.appId, input.tab.entityId))],
  );
  return { card, summary: 'WhatsApp messaging is now active for you' };
}
