import type {
  AdaptiveCard,
  BuiltCard,
  CardAction,
  CardElement,
  CardRefresh,
  CardRefreshData,
  ContactRef,
  MemberAddedCardInput,
  MemberRef,
  RichTextBlock,
  SendFailedCardInput,
  TabRef,
  TextBlock,
  TextRun,
  ThreadCardInput,
  ThreadNoticeInput,
  ThreadRef,
} from '../../src/teams/cards/index.js';

/** Test data for the card builders, with overrides: `aThread({ channel: 'sms' })`. */

export const IDS = {
  thread: '3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c',
  contact: '6a0b3c1d-2e4f-4a5b-8c6d-7e8f9a0b1c2d',
  clientMessage: '9b8a7c6d-5e4f-4321-8765-0fedcba98765',
  message: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
  request: 'd4c3b2a1-f6e5-4d7c-9b8a-1f2e3d4c5b6a',
  alice: 'a11ce000-0000-4000-8000-000000000001',
  bob: 'b0b00000-0000-4000-8000-000000000002',
  carol: 'ca201000-0000-4000-8000-000000000003',
} as const;

export const RECIPIENT_USER_ID = '29:1XyZ-alice-teams-user-id';
export const TAB: TabRef = { appId: '7d9f3c2e-1b4a-4e6f-8a2b-3c4d5e6f7a8b', entityId: 'inbox' };

export function aContact(overrides: Partial<ContactRef> = {}): ContactRef {
  return { id: IDS.contact, displayName: 'Dana Scully', phone: '+14155550142', ...overrides };
}

export function aThread(overrides: Partial<ThreadRef> = {}): ThreadRef {
  return { id: IDS.thread, channel: 'whatsapp', contact: aContact(), ...overrides };
}

/** What every notice about aThread() is given. */
export function aNotice(): ThreadNoticeInput {
  return { thread: aThread(), tab: TAB };
}

export function aMemberAddedInput(overrides: Partial<MemberAddedCardInput> = {}): MemberAddedCardInput {
  return {
    ...aNotice(),
    addedBy: 'Alice Ng',
    added: 'Bob Ray',
    addedYou: false,
    historyShared: true,
    ...overrides,
  };
}

export function aSendFailedInput(overrides: Partial<SendFailedCardInput> = {}): SendFailedCardInput {
  return {
    ...aNotice(),
    recipientUserId: RECIPIENT_USER_ID,
    messageId: IDS.message,
    retryClientMessageId: IDS.clientMessage,
    excerpt: 'See you at 3',
    error: { code: 131047, title: 'Re-engagement message', details: 'More than 24 hours have passed.' },
    ...overrides,
  };
}

/** Alice's view of an open US thread with Bob, and Carol free to join. */
export function aThreadCardInput(overrides: Partial<ThreadCardInput> = {}): ThreadCardInput {
  return {
    thread: { ...aThread(), state: 'open', region: 'us' },
    tab: TAB,
    recipientUserId: RECIPIENT_USER_ID,
    viewerMemberId: IDS.alice,
    members: [aMember(IDS.alice, 'Alice Ng'), aMember(IDS.bob, 'Bob Ray')],
    eligibleMembers: [aMember(IDS.carol, 'Carol Vu')],
    ...overrides,
  };
}

export function aMember(memberId: string, displayName: string): MemberRef {
  return { memberId, displayName };
}

/** Text that would break a careless card: Markdown, JSON escapes, controls, emoji, and far too long. */
export function hostileText(chars: number): string {
  const unit = '[click](https://evil.test) **"\\\u0001\u2028😀漢';
  return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
}

/*
 * What the cards built from this data must be, for exact checks (`toStrictEqual`). Written out literally, never
 * with the builders' own helpers, so that a builder that changes a card fails its test.
 */

/** The tab of TAB, and the thread of aThread() in it. */
export const TAB_HOME_LINK =
  'https://teams.microsoft.com/l/entity/7d9f3c2e-1b4a-4e6f-8a2b-3c4d5e6f7a8b/inbox';
export const THREAD_DEEP_LINK = `${TAB_HOME_LINK}?context=%7B%22subEntityId%22%3A%223f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c%22%7D`;

/** A whole Adaptive Card 1.5: `actions` and `refresh` are absent, not empty, when not given. */
export function expectedCard(parts: {
  body: CardElement[];
  actions?: CardAction[];
  refresh?: CardRefresh;
}): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: parts.body,
    ...(parts.actions === undefined ? {} : { actions: parts.actions }),
    ...(parts.refresh === undefined ? {} : { refresh: parts.refresh }),
  };
}

/**
 * A notice about aThread(): its headline (medium; `{ bold }` parts bolder), the contact line, then `details`;
 * Open in Bridgeline and Manage conversation unless `actions` are given.
 */
export function expectedNotice(notice: {
  summary: string;
  headline: (string | { bold: string })[];
  contactLine?: string;
  details?: CardElement[];
  actions?: CardAction[];
  refresh?: CardRefresh;
}): BuiltCard {
  const { summary, headline, contactLine = '+14155550142 · WhatsApp', details = [], ...links } = notice;
  return {
    summary,
    card: expectedCard({
      body: [
        {
          type: 'RichTextBlock',
          inlines: headline.map((p) =>
            typeof p === 'string'
              ? { type: 'TextRun', text: p, size: 'medium' }
              : { type: 'TextRun', text: p.bold, size: 'medium', weight: 'bolder' },
          ),
        },
        {
          type: 'RichTextBlock',
          inlines: [{ type: 'TextRun', text: contactLine, isSubtle: true, size: 'small' }],
        },
        ...details,
      ],
      actions: links.actions ?? threadLinks(),
      refresh: links.refresh,
    }),
  };
}

/** Our own wording, in a wrapping TextBlock. */
export function textBlock(text: string, style: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock {
  return { type: 'TextBlock', text, wrap: true, ...style };
}

/** The heading of a card that is not about one thread. */
export function heading(text: string): TextBlock {
  return textBlock(text, { size: 'medium', weight: 'bolder', style: 'heading' });
}

/** Literal text: one RichTextBlock with one TextRun. */
export function plainText(text: string, style: Omit<TextRun, 'type' | 'text'> = {}): RichTextBlock {
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text, ...style }] };
}

export function openInBridgeline(): CardAction {
  return { type: 'Action.OpenUrl', title: 'Open in Bridgeline', url: THREAD_DEEP_LINK };
}

/** Open in Bridgeline and Manage conversation, the two ways on from a notice about aThread(). */
export function threadLinks(): CardAction[] {
  return [
    openInBridgeline(),
    {
      type: 'Action.Execute',
      title: 'Manage conversation',
      verb: 'thread.show',
      data: { threadId: IDS.thread },
      associatedInputs: 'none',
    },
  ];
}

/** Refresh for RECIPIENT_USER_ID only, with `data`. */
export function refreshFor(data: CardRefreshData): CardRefresh {
  return {
    action: { type: 'Action.Execute', title: 'Refresh', verb: 'card.refresh', data },
    userIds: [RECIPIENT_USER_ID],
  };
}
