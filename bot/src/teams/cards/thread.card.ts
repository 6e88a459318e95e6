import { ERROR_CODES, MAX_THREAD_MEMBERS, type ErrorCode, type ThreadState } from '@bridgeline/shared';
import type { BuiltCard, CardAction, CardElement, InputChoiceSet } from './adaptive-card.types.js';
import { CARD_INPUT_IDS } from './card-actions.js';
import {
  adaptiveCard,
  execute,
  plain,
  refreshFor,
  run,
  showCard,
  textBlock,
  toneColor,
} from './card-elements.js';
import type { CardNotice, MemberRef, ThreadRef } from './card-inputs.types.js';
import { CARD_TEXT_LIMITS, clip, contactLabel, personLabel } from './card-text.js';
import { contactLine, openInBridgeline } from './thread-notice.js';
import type { TabRef } from './tab-deep-link.js';

export interface ThreadCardInput {
  thread: ThreadRef & { state: ThreadState; region: string };
  tab: TabRef;
  /** The recipient's Teams user id (`29:…`), so the card redraws when membership changed meanwhile. */
  recipientUserId: string;
  viewerMemberId: string;
  members: MemberRef[];
  /** Members who may join: enabled, of the thread's region, not in it. The core filters; the card shows. */
  eligibleMembers: MemberRef[];
  /** A refusal or a confirmation from the last action, in words. */
  notice?: CardNotice | null;
}

/** A choice list longer than this is cut (Teams cards are size-capped); the tab has the full search. */
export const MAX_MEMBER_CHOICES = 25;

/** A refusal from the core, in the same words the tab shows (`thread_full`, `region_mismatch`, …). */
export function refusalNotice(code: ErrorCode): CardNotice {
  return { tone: 'error', text: ERROR_CODES[code].title };
}

/**
 * Manages a group thread from the chat: members, Add (eligible members and the share-history toggle), Remove,
 * Transfer, Leave. Each action's inputs sit in its own ShowCard, so one button never validates another's inputs.
 */
export function threadCard(input: ThreadCardInput): BuiltCard {
  const { thread } = input;
  const contact = contactLabel(thread.contact);
  const region = clip(thread.region, 16).toUpperCase();
  const body: CardElement[] = [
    plain(run('Conversation with ', { size: 'medium' }), run(contact, { size: 'medium', weight: 'bolder' })),
    contactLine(thread),
  ];
  if (input.notice) {
    body.push(
      plain(run(clip(input.notice.text, CARD_TEXT_LIMITS.reason), { color: toneColor(input.notice.tone) })),
    );
  }
  const members = input.members.slice(0, MAX_THREAD_MEMBERS);
  // The region comes from settings, but goes through a TextRun like any text we didn't write.
  body.push(
    {
      ...plain(
        run(`Members (${input.members.length} of ${MAX_THREAD_MEMBERS}) · region ${region}`, {
          weight: 'bolder',
        }),
      ),
      spacing: 'medium',
    },
    ...members.map((m) =>
      plain(
        personLabel(m.displayName),
        ...(m.memberId === input.viewerMemberId ? [run(' (you)', { isSubtle: true })] : []),
      ),
    ),
  );

  const actions: CardAction[] = [];
  if (thread.state === 'closed') {
    body.push(textBlock(ERROR_CODES.thread_closed.title, { isSubtle: true }));
  } else {
    body.push(...availabilityLines(input, region));
    actions.push(...manageActions(input, contact));
  }
  actions.push(openInBridgeline(input));
  const refresh =
    thread.state === 'open'
      ? refreshFor(input.recipientUserId, { card: 'thread', threadId: thread.id })
      : undefined;
  return { card: adaptiveCard(body, actions, refresh), summary: `Conversation with ${contact}` };
}

/** Why Add or Transfer is missing, said in words rather than by a silently absent button. */
function availabilityLines(input: ThreadCardInput, region: string): CardElement[] {
  const lines: CardElement[] = [];
  if (input.members.length >= MAX_THREAD_MEMBERS) {
    lines.push(textBlock(ERROR_CODES.thread_full.title, { isSubtle: true }));
  }
  if (input.eligibleMembers.length === 0) {
    lines.push(plain(run(`No other enabled member of region ${region} can join.`, { isSubtle: true })));
  }
  return lines;
}

function manageActions(input: ThreadCardInput, contact: string): CardAction[] {
  const threadId = input.thread.id;
  const actions: CardAction[] = [];
  const eligible = input.eligibleMembers;
  const cut = eligible.length > MAX_MEMBER_CHOICES ? [cutNotice(eligible.length)] : [];
  if (input.members.length < MAX_THREAD_MEMBERS && eligible.length > 0) {
    actions.push(
      showCard(
        'Add member',
        [
          memberChoice(CARD_INPUT_IDS.addMemberId, 'Member to add', eligible),
          ...cut,
          {
            type: 'Input.Toggle',
            id: CARD_INPUT_IDS.shareHistory,
            title: 'Share chat history',
            value: 'false',
          },
        ],
        [execute('Add', 'member.add', { threadId }, { style: 'positive' })],
      ),
    );
  }
  const others = input.members.filter((m) => m.memberId !== input.viewerMemberId);
  if (others.length > 0) {
    actions.push(
      showCard(
        'Remove member',
        [memberChoice(CARD_INPUT_IDS.removeMemberId, 'Member to remove', others)],
        [execute('Remove', 'member.remove', { threadId }, { style: 'destructive' })],
      ),
    );
  }
  // A transfer swaps one member for another, so a full thread can still transfer.
  if (eligible.length > 0) {
    actions.push(
      showCard(
        'Transfer',
        [
          memberChoice(CARD_INPUT_IDS.transferMemberId, 'Transfer to', eligible),
          ...cut,
          plain(
            run(`They join with the chat history, ${contact} is told, and you leave the conversation.`, {
              isSubtle: true,
            }),
          ),
        ],
        [execute('Transfer', 'thread.transfer', { threadId })],
      ),
    );
  }
  actions.push(
    showCard(
      'Leave',
      [textBlock('You will stop seeing this conversation. You can ask to rejoin later.')],
      [
        execute(
          'Leave conversation',
          'thread.leave',
          { threadId },
          { style: 'destructive', associatedInputs: 'none' },
        ),
      ],
    ),
  );
  return actions;
}

function memberChoice(id: string, label: string, members: MemberRef[]): InputChoiceSet {
  return {
    type: 'Input.ChoiceSet',
    id,
    label,
    style: 'filtered',
    placeholder: 'Choose a member',
    choices: members
      .slice(0, MAX_MEMBER_CHOICES)
      .map((m) => ({ title: personLabel(m.displayName), value: m.memberId })),
    isRequired: true,
    errorMessage: 'Choose a member.',
  };
}

function cutNotice(total: number): CardElement {
  return textBlock(`Showing ${MAX_MEMBER_CHOICES} of ${total}. Open Bridgeline to find the others.`, {
    isSubtle: true,
    size: 'small',
  });
}
