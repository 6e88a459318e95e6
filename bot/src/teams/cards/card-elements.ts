import type {
  ActionSet,
  AdaptiveCard,
  CardAction,
  CardElement,
  CardRefresh,
  ExecuteAction,
  Fact,
  FactSet,
  OpenUrlAction,
  RichTextBlock,
  ShowCardAction,
  TextBlock,
  TextColor,
  TextRun,
} from './adaptive-card.types.js';
import type { CardActionInput, CardRefreshData, CardVerb } from './card-actions.js';

/** Small constructors that keep the builders readable. Literal text from outside goes through `plain`. */

export function adaptiveCard(
  body: CardElement[],
  actions: CardAction[] = [],
  refresh?: CardRefresh,
): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    ...(refresh === undefined ? {} : { refresh }),
    body,
    ...(actions.length === 0 ? {} : { actions }),
  };
}

/** Our own wording. Never pass text from a contact or a member here: TextBlock parses Markdown. */
export function textBlock(text: string, style: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock {
  return { type: 'TextBlock', text, wrap: true, ...style };
}

export function heading(text: string): TextBlock {
  return textBlock(text, { size: 'medium', weight: 'bolder', style: 'heading' });
}

export function run(text: string, style: Omit<TextRun, 'type' | 'text'> = {}): TextRun {
  return { type: 'TextRun', text, ...style };
}

/** Text shown literally (no Markdown, so a contact can't plant a link), possibly mixed with our wording. */
export function plain(...inlines: (TextRun | string)[]): RichTextBlock {
  return { type: 'RichTextBlock', inlines: inlines.map((i) => (typeof i === 'string' ? run(i) : i)) };
}

export function factSet(facts: Fact[]): FactSet {
  return { type: 'FactSet', facts };
}

export function toneColor(tone: 'error' | 'info'): TextColor {
  return tone === 'error' ? 'attention' : 'accent';
}

export function execute<V extends CardVerb>(
  title: string,
  verb: V,
  data: CardActionInput<V>,
  options: Pick<ExecuteAction, 'associatedInputs' | 'style'> = {},
): ExecuteAction {
  return { type: 'Action.Execute', title, verb, data: { ...data }, ...options };
}

export function openUrl(title: string, url: string): OpenUrlAction {
  return { type: 'Action.OpenUrl', title, url };
}

export function showCard(title: string, body: CardElement[], actions: CardAction[]): ShowCardAction {
  return { type: 'Action.ShowCard', title, card: { type: 'AdaptiveCard', body, actions } };
}

export function actionSet(actions: CardAction[]): ActionSet {
  return { type: 'ActionSet', actions };
}

/**
 * Refresh for the one member a card was sent to (personal chat), so a stale button (a request someone already
 * answered) is redrawn when the card is viewed again. Only cards with buttons that can go stale carry one.
 */
export function refreshFor(userId: string, data: CardRefreshData): CardRefresh {
  return {
    action: {
      type: 'Action.Execute',
      title: 'Refresh',
      verb: 'card.refresh' satisfies CardVerb,
      data: { ...data },
    },
    userIds: [userId],
  };
}
