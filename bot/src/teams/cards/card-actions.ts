import { z } from 'zod';
import { MAX_TEXT_LENGTH } from '@bridgeline/shared';

/**
 * Every `Action.Execute` verb our cards emit, with a schema of the `data` the Teams client sends back in the
 * `adaptiveCard/action` invoke (`value.action.data`): the action's own `data` merged with the card's inputs.
 * The invoke handler validates with these before calling a use case; the card tests check that every verb on a
 * card is one of these.
 *
 * Unknown keys are stripped, not refused: clients may add their own.
 */

const Id = z.uuid();
// Input.Toggle submits its valueOn/valueOff strings, never a boolean.
const ToggleValue = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Input ids shared by the builders and the schemas, so they can't drift apart. */
export const CARD_INPUT_IDS = {
  replyText: 'replyText',
  addMemberId: 'addMemberId',
  shareHistory: 'shareHistory',
  removeMemberId: 'removeMemberId',
  transferMemberId: 'transferMemberId',
} as const;

export const CARD_ACTION_SCHEMAS = {
  /** Quick reply from the inbound-message card. `clientMessageId` makes a double submit send once. */
  reply: z.object({
    threadId: Id,
    clientMessageId: Id,
    [CARD_INPUT_IDS.replyText]: z.string().trim().min(1).max(MAX_TEXT_LENGTH),
  }),
  /** Retry of a failed send: a new send, with its own client id. */
  'message.retry': z.object({ threadId: Id, messageId: Id, clientMessageId: Id }),
  'rejoin.approve': z.object({ threadId: Id, requestId: Id }),
  'rejoin.decline': z.object({ threadId: Id, requestId: Id }),
  /** A member who left or was removed asks to come back. */
  'rejoin.request': z.object({ threadId: Id }),
  /** From the unreachable card: open an SMS thread with the same contact. */
  'sms.continue': z.object({ threadId: Id, contactId: Id }),
  /** Shows the thread card (members and their actions) in place of the card it was pressed on. */
  'thread.show': z.object({ threadId: Id }),
  'threads.list': z.object({}),
  'member.add': z.object({
    threadId: Id,
    [CARD_INPUT_IDS.addMemberId]: Id,
    // Off unless the member turned it on (product §7): a missing toggle must not share history.
    [CARD_INPUT_IDS.shareHistory]: ToggleValue.default(false),
  }),
  'member.remove': z.object({ threadId: Id, [CARD_INPUT_IDS.removeMemberId]: Id }),
  'thread.leave': z.object({ threadId: Id }),
  'thread.transfer': z.object({ threadId: Id, [CARD_INPUT_IDS.transferMemberId]: Id }),
  /**
   * The card's `refresh` action, on the cards whose buttons can go stale; `card` says which one to rebuild. Answer it with the rebuilt card in the invoke response only: updating the
   * message instead would make Teams refresh every viewer again, and so on.
   */
  'card.refresh': z.discriminatedUnion('card', [
    z.object({ card: z.literal('inbound'), threadId: Id }),
    z.object({ card: z.literal('unreachable'), threadId: Id }),
    z.object({ card: z.literal('rejoin'), threadId: Id, requestId: Id }),
    z.object({ card: z.literal('sendFailed'), threadId: Id, messageId: Id }),
    z.object({ card: z.literal('thread'), threadId: Id }),
  ]),
} as const;

export type CardVerb = keyof typeof CARD_ACTION_SCHEMAS;
export const CARD_VERBS = Object.keys(CARD_ACTION_SCHEMAS) as CardVerb[];

/** The validated data of each verb, after transforms (`shareHistory` is a boolean here). */
export type CardActionData = { [V in CardVerb]: z.output<(typeof CARD_ACTION_SCHEMAS)[V]> };
/** What a builder puts in `data` (before the client merges the inputs in). */
export type CardActionInput<V extends CardVerb> = Omit<
  z.input<(typeof CARD_ACTION_SCHEMAS)[V]>,
  (typeof CARD_INPUT_IDS)[keyof typeof CARD_INPUT_IDS]
>;

export type CardRefreshData = z.input<(typeof CARD_ACTION_SCHEMAS)['card.refresh']>;

export type CardActionRequest = { [V in CardVerb]: { verb: V; data: CardActionData[V] } }[CardVerb];

export type ParsedCardAction =
  | { ok: true; action: CardActionRequest }
  | { ok: false; reason: 'unknown_verb'; verb: string }
  | { ok: false; reason: 'invalid_data'; verb: CardVerb; issues: { path: string; message: string }[] };

export function isCardVerb(verb: string): verb is CardVerb {
  return Object.prototype.hasOwnProperty.call(CARD_ACTION_SCHEMAS, verb);
}

/** Validates the `verb` and `data` of an `adaptiveCard/action` invoke. */
export function parseCardAction(verb: string, data: unknown): ParsedCardAction {
  if (!isCardVerb(verb)) return { ok: false, reason: 'unknown_verb', verb };
  const result = CARD_ACTION_SCHEMAS[verb].safeParse(data ?? {});
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return { ok: false, reason: 'invalid_data', verb, issues };
  }
  // The schema chosen by `verb` produced `result.data`, so the pair is one member of the union.
  return { ok: true, action: { verb, data: result.data } as CardActionRequest };
}
