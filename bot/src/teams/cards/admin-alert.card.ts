import type { BuiltCard } from './adaptive-card.types.js';
import { adaptiveCard, openUrl, plain, run } from './card-elements.js';
import { clip } from './card-text.js';
import { tabHomeLink, type TabRef } from './tab-deep-link.js';

export interface AdminAlertCardInput {
  tab: TabRef;
  kind: 'template_unsendable' | 'template_flagged' | 'template_restored' | 'number_downgraded';
  title: string;
  breaks: string;
  action: string;
}

/**
 * To every admin: the WhatsApp account changed in a way that breaks (or no longer breaks) what members do — a
 * template the opt-in or resume flow depends on stopped being sendable, a number was downgraded. Says what breaks
 * and what to do. Template names come from Meta: written as plain runs, never Markdown.
 */
export function adminAlertCard(input: AdminAlertCardInput): BuiltCard {
  const good = input.kind === 'template_restored';
  const card = adaptiveCard(
    [
      plain(
        run(clip(input.title, 300), {
          weight: 'bolder',
          size: 'medium',
          color: good ? 'good' : input.kind === 'template_flagged' ? 'warning' : 'attention',
        }),
      ),
      plain(run('What breaks: ', { weight: 'bolder' }), run(clip(input.breaks, 600))),
      plain(run('What to do: ', { weight: 'bolder' }), run(clip(input.action, 600))),
    ],
    [openUrl('Open the admin area', tabHomeLink(input.tab.appId, input.tab.entityId))],
  );
  return { card, summary: clip(input.title, 200) };
}
