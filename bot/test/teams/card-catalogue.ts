import {
  actedOnCard,
  adminAlertCard,
  contactResumedCard,
  contactUnreachableCard,
  helpCard,
  inboundMessageCard,
  memberAddedCard,
  memberLeftCard,
  memberRemovedCard,
  messagesHeldCard,
  notEnabledCard,
  optInAcceptedCard,
  optInRejectedCard,
  rejoinRequestCard,
  sendFailedCard,
  threadCard,
  threadsListCard,
  transferReceivedCard,
  type BuiltCard,
  type MemberRef,
  type ThreadRef,
} from '../../src/teams/cards/index.js';
import {
  aMember,
  aMemberAddedInput,
  aNotice,
  aSendFailedInput,
  aThread,
  aThreadCardInput,
  hostileText,
  IDS,
  RECIPIENT_USER_ID,
  TAB,
} from './card-fixtures.js';

/**
 * Every builder, each with a typical input and with the largest input it can be given (every text far too long
 * and hostile, every list far too long): the shared checks in all-cards.test.ts run over both.
 */

const huge = hostileText(20_000);
const hugeThread: ThreadRef = aThread({ contact: { id: IDS.contact, displayName: huge, phone: huge } });
const notice = aNotice();
const hugeNotice = { thread: hugeThread, tab: TAB };
const manyMembers = (n: number): MemberRef[] =>
  Array.from({ length: n }, (_, i) =>
    aMember(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, huge),
  );

export interface CatalogueEntry {
  name: string;
  typical: () => BuiltCard;
  largest: () => BuiltCard;
}

export const CARD_CATALOGUE: CatalogueEntry[] = [
  {
    name: 'inboundMessageCard (single text)',
    typical: () =>
      inboundMessageCard({
        ...notice,
        recipientUserId: RECIPIENT_USER_ID,
        replyClientMessageId: IDS.clientMessage,
        newMessageCount: 1,
        latest: [{ content: { kind: 'text', text: 'Hello' }, sentAt: '2025-03-01T09:30:00Z' }],
      }),
    largest: () =>
      inboundMessageCard({
        ...hugeNotice,
        recipientUserId: RECIPIENT_USER_ID,
        replyClientMessageId: IDS.clientMessage,
        newMessageCount: 1,
        latest: [{ content: { kind: 'text', text: huge }, sentAt: '2025-03-01T09:30:00Z' }],
      }),
  },
  {
    name: 'inboundMessageCard (coalesced, images)',
    typical: () =>
      inboundMessageCard({
        ...notice,
        recipientUserId: RECIPIENT_USER_ID,
        replyClientMessageId: IDS.clientMessage,
        newMessageCount: 3,
        latest: [
          {
            content: { kind: 'image', imageUrl: 'https://media.test/1.jpg', caption: 'Look' },
            sentAt: '2025-03-01T09:30:00Z',
          },
          { content: { kind: 'image', imageUrl: null, caption: null }, sentAt: '2025-03-01T09:30:05Z' },
          { content: { kind: 'unsupported' }, sentAt: '2025-03-01T09:30:09Z' },
        ],
      }),
    largest: () =>
      inboundMessageCard({
        ...hugeNotice,
        recipientUserId: RECIPIENT_USER_ID,
        replyClientMessageId: IDS.clientMessage,
        newMessageCount: 5_000,
        latest: Array.from({ length: 500 }, () => ({
          content: {
            kind: 'image' as const,
            imageUrl: `https://media.test/${'x'.repeat(2_000)}`,
            caption: huge,
          },
          sentAt: '2025-03-01T09:30:00Z',
        })),
      }),
  },
  {
    name: 'optInAcceptedCard',
    typical: () => optInAcceptedCard({ ...notice, heldCount: 2 }),
    largest: () => optInAcceptedCard({ ...hugeNotice, heldCount: 1_000_000 }),
  },
  {
    name: 'optInRejectedCard',
    typical: () => optInRejectedCard(notice),
    largest: () => optInRejectedCard(hugeNotice),
  },
  {
    name: 'contactUnreachableCard',
    typical: () =>
      contactUnreachableCard({ ...notice, recipientUserId: RECIPIENT_USER_ID, recipientHasSms: true }),
    largest: () =>
      contactUnreachableCard({ ...hugeNotice, recipientUserId: RECIPIENT_USER_ID, recipientHasSms: true }),
  },
  {
    name: 'contactResumedCard',
    typical: () => contactResumedCard({ ...notice, heldCount: 0 }),
    largest: () => contactResumedCard({ ...hugeNotice, heldCount: 1_000_000 }),
  },
  {
    name: 'messagesHeldCard',
    typical: () => messagesHeldCard({ ...notice, heldCount: 1 }),
    largest: () => messagesHeldCard({ ...hugeNotice, heldCount: 1_000_000 }),
  },
  {
    name: 'memberAddedCard',
    typical: () => memberAddedCard(aMemberAddedInput()),
    largest: () =>
      memberAddedCard({ ...hugeNotice, addedBy: huge, added: huge, addedYou: false, historyShared: false }),
  },
  {
    name: 'memberRemovedCard',
    typical: () =>
      memberRemovedCard({ ...notice, removedBy: 'Alice Ng', removed: 'Bob Ray', removedYou: true }),
    largest: () => memberRemovedCard({ ...hugeNotice, removedBy: huge, removed: huge, removedYou: false }),
  },
  {
    name: 'memberLeftCard',
    typical: () => memberLeftCard({ ...notice, left: 'Bob Ray' }),
    largest: () => memberLeftCard({ ...hugeNotice, left: huge }),
  },
  {
    name: 'transferReceivedCard',
    typical: () => transferReceivedCard({ ...notice, from: 'Alice Ng' }),
    largest: () => transferReceivedCard({ ...hugeNotice, from: huge }),
  },
  {
    name: 'rejoinRequestCard',
    typical: () =>
      rejoinRequestCard({
        ...notice,
        requester: 'Bob Ray',
        requestId: IDS.request,
        recipientUserId: RECIPIENT_USER_ID,
      }),
    largest: () =>
      rejoinRequestCard({
        ...hugeNotice,
        requester: huge,
        requestId: IDS.request,
        recipientUserId: RECIPIENT_USER_ID,
      }),
  },
  {
    name: 'sendFailedCard',
    typical: () => sendFailedCard(aSendFailedInput()),
    largest: () =>
      sendFailedCard({
        ...hugeNotice,
        recipientUserId: RECIPIENT_USER_ID,
        messageId: IDS.message,
        retryClientMessageId: IDS.clientMessage,
        excerpt: huge,
        error: { code: huge, title: huge, details: huge },
      }),
  },
  {
    name: 'threadCard',
    typical: () =>
      threadCard(
        aThreadCardInput({ notice: { tone: 'error', text: 'A conversation can have at most 10 members.' } }),
      ),
    largest: () =>
      threadCard({
        thread: { ...hugeThread, state: 'open', region: huge },
        tab: TAB,
        recipientUserId: RECIPIENT_USER_ID,
        viewerMemberId: IDS.alice,
        members: manyMembers(9),
        eligibleMembers: manyMembers(5_000),
        notice: { tone: 'info', text: huge },
      }),
  },
  {
    name: 'threadsListCard',
    typical: () =>
      threadsListCard({
        tab: TAB,
        threads: [
          {
            thread: aThread(),
            state: 'open',
            unreadCount: 2,
            lastActivityAt: '2025-03-01T09:30:00Z',
            lastMessagePreview: 'Hello',
          },
        ],
      }),
    largest: () =>
      threadsListCard({
        tab: TAB,
        threads: Array.from({ length: 1_000 }, () => ({
          thread: hugeThread,
          state: 'closed' as const,
          unreadCount: 1_000_000,
          lastActivityAt: '2025-03-01T09:30:00Z',
          lastMessagePreview: huge,
        })),
      }),
  },
  { name: 'helpCard', typical: () => helpCard({ tab: TAB }), largest: () => helpCard({ tab: TAB }) },
  { name: 'notEnabledCard', typical: () => notEnabledCard(), largest: () => notEnabledCard() },
  {
    name: 'actedOnCard',
    typical: () =>
      actedOnCard(
        'Bob Ray asks to rejoin the conversation with Dana Scully',
        'You approved: Bob Ray is back.',
        'good',
      ),
    largest: () => actedOnCard(huge, huge, 'attention'),
  },
  {
    name: 'adminAlertCard',
    typical: () =>
      adminAlertCard({
        tab: TAB,
        kind: 'template_unsendable',
        title: 'The opt-in template "bridgeline_opt_in" cannot be sent (PAUSED)',
        breaks: 'While it is paused, members cannot ask new contacts to opt in.',
        action: 'Submit a replacement template in WhatsApp Manager.',
      }),
    largest: () =>
      adminAlertCard({ tab: TAB, kind: 'number_downgraded', title: huge, breaks: huge, action: huge }),
  },
];
