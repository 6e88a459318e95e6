/**
 * The contact's phone page (`/sandbox`): a browser module that talks to `/sandbox/phone/…` and `/sandbox/settings`.
 * User content is only ever put in the page with `textContent`, never as HTML. The server injects nothing into the
 * page: it reads everything (the business, chats, settings) from those JSON endpoints.
 */

import type { Business, ChatSummary, ChatView, ContactAction, MessageView, PhoneState } from './phone-api.js';
import { $, api, day, el, errorText, initials, time } from './dom.js';
import { loadClock, loadSettings } from './settings-panel.js';

const EMOJI = ['👍', '❤️', '😂', '😮', '🙏'];
const state: {
  business: Business | null;
  chats: ChatSummary[];
  current: string | null;
  chat: ChatView | null;
  replyTo: string | null;
} = { business: null, chats: [], current: null, chat: null, replyTo: null };

const businessName = () => state.business?.displayName ?? '';

async function loadState(): Promise<void> {
  const s = await api<PhoneState>('GET', '/sandbox/phone/state');
  state.business = s.business;
  state.chats = s.chats;
  $('biz-name').textContent = s.business.displayName;
  $('biz-sub').textContent = s.business.displayPhoneNumber + ' · business account';
  $('biz-avatar').textContent = initials(s.business.displayName);
  renderChats();
}
function renderChats(): void {
  const list = $('chats');
  list.replaceChildren();
  if (state.chats.length === 0) {
    list.appendChild(
      el('li', { class: 'empty', text: 'No chats yet. Messages the business sends appear here.' }),
    );
    return;
  }
  for (const c of state.chats) {
    const lastLine = c.last ? (c.last.from === 'contact' ? 'You: ' : '') + c.last.text : '+' + c.waId;
    const button = el(
      'button',
      {
        type: 'button',
        'aria-current': String(c.waId === state.current),
        onclick: () => (location.hash = c.waId),
      },
      [
        el('div', { class: 'avatar', text: initials(c.name) }),
        el('div', {}, [
          el('div', { class: 'chat-name', text: c.name }),
          el('div', { class: 'chat-last', text: lastLine }),
        ]),
        c.unread > 0 ? el('span', { class: 'badge', text: String(c.unread) }) : null,
      ],
    );
    list.appendChild(el('li', {}, [button]));
  }
}

async function loadChat(): Promise<void> {
  if (!state.current) return;
  const waId = state.current;
  const chat = await api<ChatView>('GET', '/sandbox/phone/chats/' + waId);
  if (waId !== state.current) return;
  const same = state.chat && JSON.stringify(state.chat) === JSON.stringify(chat);
  state.chat = chat;
  // Re-render only on change, so a tap is never lost to a redraw.
  if (!same) renderChat(chat);
  const unread = chat.messages.some(
    (m) => m.from === 'business' && m.state !== 'read' && m.state !== 'failed',
  );
  if (unread && document.visibilityState === 'visible')
    void api('POST', '/sandbox/phone/chats/' + waId + '/read', {});
}

function renderChat(chat: ChatView): void {
  const box = $('messages');
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 60;
  box.replaceChildren();
  $('composer').hidden = false;
  let lastDay: string | null = null;
  const who = chat.name === '+' + chat.waId ? chat.name : chat.name + ' (+' + chat.waId + ')';
  box.appendChild(
    el('div', { class: 'chip', text: 'You are ' + who + '. Tap a message to reply or react.' }),
  );
  for (const m of chat.messages) {
    const d = day(m.at);
    if (d !== lastDay) {
      box.appendChild(el('div', { class: 'chip', text: d }));
      lastDay = d;
    }
    box.appendChild(renderMessage(m));
  }
  const w = chat.window;
  const windowText =
    w.open && w.closesAt
      ? 'The business may write freely until ' + day(w.closesAt) + ' ' + time(w.closesAt) + '.'
      : w.closesAt
        ? 'Over 24 h since you last wrote: the business can only send templates.'
        : 'You have not written yet: the business can only send templates.';
  // How long ago the contact last wrote, on the app's (sandbox) clock: the 24-hour rule counts from it.
  const wroteAgo = w.closesAt
    ? (Date.parse(chat.now) - (Date.parse(w.closesAt) - 86_400_000)) / 3_600_000
    : null;
  const ago =
    wroteAgo === null
      ? ''
      : ` You last wrote ${wroteAgo < 1 ? 'less than an hour' : `${Math.floor(wroteAgo)} hours`} ago.`;
  box.appendChild(el('div', { class: 'chip window', text: windowText + ago }));
  if (atBottom || box.dataset.chat !== chat.waId) box.scrollTop = box.scrollHeight;
  box.dataset.chat = chat.waId;
}

function renderMessage(m: MessageView): HTMLElement {
  const mine = m.from === 'contact';
  const bubble = el('div', { class: 'bubble' });
  if (m.replyTo) {
    bubble.appendChild(
      el('div', { class: 'quote' }, [
        el('b', { text: m.replyTo.from === 'contact' ? 'You' : businessName() }),
        el('span', { text: m.replyTo.text || '' }),
      ]),
    );
  }
  if (m.type === 'image') bubble.appendChild(el('img', { src: m.imageUrl ?? '', alt: m.text || 'Image' }));
  if (m.type === 'template' && m.template) {
    if (m.template.header) bubble.appendChild(el('div', { class: 'tpl-header', text: m.template.header }));
    bubble.appendChild(el('div', { text: m.template.body }));
    if (m.template.footer) bubble.appendChild(el('div', { class: 'tpl-footer', text: m.template.footer }));
  } else if (m.text) {
    bubble.appendChild(el('div', { text: m.text }));
  }
  const meta = el('div', { class: 'meta' }, [document.createTextNode(time(m.at))]);
  if (mine) {
    const read = m.state === 'read';
    const title = read ? 'Read by the business' : 'Delivered';
    meta.appendChild(el('span', { class: 'ticks' + (read ? ' read' : ''), text: '✓✓', title }));
  }
  bubble.appendChild(meta);
  if (m.reaction)
    bubble.appendChild(el('span', { class: 'reaction', text: m.reaction, title: 'Your reaction' }));

  const rowClass = 'row ' + (mine ? 'out' : 'in') + (m.reaction ? ' has-reaction' : '');
  const row = el('div', { class: rowClass, 'data-id': m.id }, [bubble]);
  const buttons = m.type === 'template' && m.template ? m.template.buttons : [];
  if (buttons.length > 0) {
    const tap = (i: number) => () => void send({ type: 'button', messageId: m.id, index: i });
    row.appendChild(
      el(
        'div',
        { class: 'quick-replies' },
        buttons.map((b, i) => el('button', { type: 'button', text: '↩ ' + b.text, onclick: tap(i) })),
      ),
    );
  }
  const react = (e: string) => () =>
    void send({ type: 'reaction', messageId: m.id, emoji: m.reaction === e ? '' : e });
  const toggleEmoji = () => {
    const open = row.querySelector('.emoji-row');
    if (open) return open.remove();
    const choices = EMOJI.map((e) =>
      el('button', { type: 'button', text: e, 'aria-label': 'React ' + e, onclick: react(e) }),
    );
    row.appendChild(el('div', { class: 'emoji-row' }, choices));
  };
  const actions = el('div', { class: 'actions' }, [
    el('button', {
      type: 'button',
      title: 'Reply',
      'aria-label': 'Reply',
      text: '↩',
      onclick: () => startReply(m),
    }),
    el('button', { type: 'button', title: 'React', 'aria-label': 'React', text: '☺', onclick: toggleEmoji }),
  ]);
  if (m.type !== 'button') {
    row.appendChild(actions);
    bubble.addEventListener('click', () => row.classList.toggle('show-actions'));
  }
  return row;
}

function startReply(m: MessageView): void {
  state.replyTo = m.id;
  $('replying').hidden = false;
  $('replying-who').textContent = (m.from === 'contact' ? 'You' : businessName()) + ':';
  $('replying-text').textContent = m.text || (m.template && m.template.body) || 'Photo';
  $('text').focus();
}
function stopReply(): void {
  state.replyTo = null;
  $('replying').hidden = true;
}

async function send(body: ContactAction): Promise<void> {
  $('composer-error').textContent = '';
  try {
    await api('POST', '/sandbox/phone/chats/' + state.current + '/messages', body);
    stopReply();
    await refresh();
  } catch (e) {
    $('composer-error').textContent = errorText(e);
  }
}

const textInput = $<HTMLInputElement>('text');
const fileInput = $<HTMLInputElement>('file');
$('composer').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = textInput.value.trim();
  if (!text) return;
  textInput.value = '';
  void send({ type: 'text', text, replyTo: state.replyTo });
});
$('cancel-reply').addEventListener('click', stopReply);
$('attach').addEventListener('click', () => fileInput.click());
fileInput.addEventListener('change', () => {
  const file = fileInput.files?.[0];
  fileInput.value = '';
  if (!file) return;
  const reader = new FileReader();
  reader.onload = () => {
    const data = String(reader.result).split(',')[1] || '';
    const caption = textInput.value.trim();
    textInput.value = '';
    void send({ type: 'image', data, mimeType: file.type, caption: caption || null, replyTo: state.replyTo });
  };
  reader.readAsDataURL(file);
});
$('new-chat').addEventListener('submit', (e) => {
  e.preventDefault();
  const number = $<HTMLInputElement>('new-number');
  const nameInput = $<HTMLInputElement>('new-name');
  const waId = number.value.replace(/\D/g, '');
  const name = nameInput.value.trim();
  if (waId.length < 6) return;
  const done = () => {
    number.value = '';
    nameInput.value = '';
    location.hash = waId;
  };
  (name ? api('POST', '/sandbox/phone/chats/' + waId + '/profile', { name }) : Promise.resolve())
    .then(done)
    .catch((err: unknown) => alert(errorText(err)));
});

function selectFromHash(): void {
  const waId = location.hash.replace(/^#/, '').replace(/\D/g, '');
  state.current = waId || null;
  stopReply();
  renderChats();
  if (state.current) void loadChat().then(loadState);
}
window.addEventListener('hashchange', selectFromHash);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void loadChat();
});

let pending: Promise<unknown> | null = null;
function refresh(): Promise<unknown> {
  if (pending) return pending;
  pending = new Promise((resolve) => setTimeout(resolve, 80)).then(() => {
    pending = null;
    return Promise.all([loadState(), loadChat(), loadSettings()]);
  });
  return pending;
}
function listen(): void {
  if (!window.EventSource) {
    setInterval(refresh, 3000);
    return;
  }
  const source = new EventSource('/sandbox/phone/events');
  source.addEventListener('chat', () => void refresh());
  source.onerror = () => setTimeout(refresh, 2000);
}

void loadState().then(selectFromHash).then(loadSettings).then(loadClock).then(listen);
document.addEventListener('sandbox-clock', () => void loadChat());
setInterval(() => {
  if (document.visibilityState === 'visible') void loadSettings();
}, 3000);
