/** The JSON the phone page reads and sends: the shapes of `/sandbox/phone/…` and `/sandbox/settings` (types only). */

export interface Business {
  displayName: string;
  displayPhoneNumber: string;
  phoneNumberId: string;
}
export interface ChatSummary {
  waId: string;
  name: string;
  last: { from: 'business' | 'contact'; text: string; at: string } | null;
  unread: number;
}
export interface PhoneState {
  business: Business;
  chats: ChatSummary[];
}
export interface MessageView {
  id: string;
  from: 'business' | 'contact';
  type: 'text' | 'image' | 'template' | 'button';
  text: string | null;
  imageUrl: string | null;
  template: {
    header: string | null;
    body: string;
    footer: string | null;
    buttons: { text: string; payload: string }[];
  } | null;
  replyTo: { id: string; from: 'business' | 'contact'; text: string } | null;
  at: string;
  state: string;
  reaction: string | null;
}
export interface ChatView {
  waId: string;
  name: string;
  /** The app's clock when the view was made (the sandbox clock may be moved ahead). */
  now: string;
  window: { open: boolean; closesAt: string | null };
  messages: MessageView[];
}
export interface SettingsView {
  settings: {
    latencyMs: number;
    errorRate: number;
    throughputPerSecond: number;
    statusDelayMs: number;
    unreachable: string[];
    failuresAs: string;
    webhooks: boolean;
  };
  recentWebhooks: { at: string; kind: string; status: number | string; attempts: number }[];
}
export type ContactAction =
  | { type: 'text'; text: string; replyTo: string | null }
  | { type: 'image'; data: string; mimeType: string; caption: string | null; replyTo: string | null }
  | { type: 'button'; messageId: string; index: number }
  | { type: 'reaction'; messageId: string; emoji: string };
