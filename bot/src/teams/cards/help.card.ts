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
