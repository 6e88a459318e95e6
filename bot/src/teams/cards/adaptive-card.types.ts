/**
 * The subset of Adaptive Cards 1.5 that Bridgeline's cards use, typed so that a builder can't emit a property
 * Teams would ignore. Names and shapes follow https://adaptivecards.io/explorer/.
 */

export type TextSize = 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
export type TextWeight = 'lighter' | 'default' | 'bolder';
export type TextColor = 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';
export type Spacing = 'none' | 'small' | 'default' | 'medium' | 'large' | 'extraLarge' | 'padding';
export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap: true;
  size?: TextSize;
  weight?: TextWeight;
  color?: TextColor;
  isSubtle?: boolean;
  spacing?: Spacing;
  maxLines?: number;
  style?: 'heading';
}

/** One run of literal text: TextRun is not parsed as Markdown, so it is where text from outside goes. */
export interface TextRun {
  type: 'TextRun';
  text: string;
  size?: TextSize;
  weight?: TextWeight;
  color?: TextColor;
  isSubtle?: boolean;
  italic?: boolean;
}

export interface RichTextBlock {
  type: 'RichTextBlock';
  inlines: TextRun[];
  spacing?: Spacing;
}

export interface Fact {
  title: string;
  value: string;
}

export interface FactSet {
  type: 'FactSet';
  facts: Fact[];
  spacing?: Spacing;
}

export interface Image {
  type: 'Image';
  url: string;
  altText: string;
  size?: 'auto' | 'stretch' | 'small' | 'medium' | 'large';
  spacing?: Spacing;
}

export interface Container {
  type: 'Container';
  items: CardElement[];
  style?: ContainerStyle;
  spacing?: Spacing;
  separator?: boolean;
}

export interface InputText {
  type: 'Input.Text';
  id: string;
  label?: string;
  placeholder?: string;
  isMultiline?: boolean;
  maxLength?: number;
  isRequired?: boolean;
  errorMessage?: string;
}

export interface Choice {
  title: string;
  value: string;
}

export interface InputChoiceSet {
  type: 'Input.ChoiceSet';
  id: string;
  label?: string;
  placeholder?: string;
  style?: 'compact' | 'expanded' | 'filtered';
  choices: Choice[];
  isRequired?: boolean;
  errorMessage?: string;
}

export interface InputToggle {
  type: 'Input.Toggle';
  id: string;
  title: string;
  /** Submitted as the strings "true"/"false" (the spec's default valueOn/valueOff). */
  value: 'true' | 'false';
}

export interface ActionSet {
  type: 'ActionSet';
  actions: CardAction[];
  spacing?: Spacing;
}

export type CardElement =
  | TextBlock
  | RichTextBlock
  | FactSet
  | Image
  | Container
  | InputText
  | InputChoiceSet
  | InputToggle
  | ActionSet;

export interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: Record<string, unknown>;
  /** `none` keeps a button from collecting (and validating) inputs that belong to another button. */
  associatedInputs?: 'auto' | 'none';
  style?: 'default' | 'positive' | 'destructive';
}

export interface OpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}

export interface ShowCardAction {
  type: 'Action.ShowCard';
  title: string;
  card: ShowCardContent;
}

export type CardAction = ExecuteAction | OpenUrlAction | ShowCardAction;

export interface ShowCardContent {
  type: 'AdaptiveCard';
  body: CardElement[];
  actions: CardAction[];
}

export interface CardRefresh {
  action: { type: 'Action.Execute'; title: string; verb: string; data: Record<string, unknown> };
  /** Teams MRIs (`29:…`) that refresh automatically; an empty list means manual refresh only. */
  userIds: string[];
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: '1.5';
  refresh?: CardRefresh;
  body: CardElement[];
  actions?: CardAction[];
}

/** A card plus a one-line plain summary: Teams shows it in notifications, and `actedOnCard` reuses it. */
export interface BuiltCard {
  card: AdaptiveCard;
  summary: string;
}

/** The MIME type of an Adaptive Card attachment and of an `adaptiveCard/action` response carrying one. */
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
