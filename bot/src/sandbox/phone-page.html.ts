/**
 * The contact's phone at `/sandbox`: one self-contained page (no build step) that talks to `/sandbox/phone/…` and
 * `/sandbox/settings`. User content is only ever put in the page with `textContent`, never as HTML.
 * The script uses no template literals, so this file can hold it in one.
 */
export const PHONE_PAGE_HTML = String.raw`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Bridgeline sandbox · contact's phone</title>
<style>
  :root {
    --green: #008069; --green-dark: #005c4b; --bubble-out: #d9fdd3; --bubble-in: #fff; --chat-bg: #efeae2;
    --ink: #111b21; --muted: #667781; --line: #e9edef; --blue: #53bdeb; --panel: #fff; --page: #f0f2f5;
    --danger: #c0392b;
  }
  * { box-sizing: border-box; }
  [hidden] { display: none !important; }
  html, body { margin: 0; height: 100%; }
  body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink);
    background: var(--page); }
  button, input, select { font: inherit; }
  .layout { display: grid; grid-template-columns: 300px minmax(360px, 430px) 320px; gap: 24px; justify-content: center;
    padding: 24px; min-height: 100%; align-items: start; }
  .panel { background: var(--panel); border-radius: 12px; box-shadow: 0 1px 3px rgba(11,20,26,.12); overflow: hidden; }
  .panel h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 0;
    padding: 14px 16px 8px; }
  .brand { padding: 16px; border-bottom: 1px solid var(--line); }
  .brand h1 { font-size: 17px; margin: 0 0 4px; }
  .brand p { margin: 0; color: var(--muted); font-size: 13px; }
  form.new-chat { display: grid; gap: 8px; padding: 0 16px 16px; border-bottom: 1px solid var(--line); }
  input[type=text], input[type=number], input[type=tel], select { width: 100%; padding: 8px 10px; border: 1px solid #d1d7db;
    border-radius: 8px; background: #fff; }
  input:focus, select:focus, button:focus-visible { outline: 2px solid var(--green); outline-offset: 1px; }
  .primary { background: var(--green); color: #fff; border: 0; border-radius: 8px; padding: 8px 12px; cursor: pointer;
    font-weight: 600; }
  .primary:hover { background: var(--green-dark); }
  .chats { list-style: none; margin: 0; padding: 0; max-height: 60vh; overflow: auto; }
  .chats li button { display: grid; grid-template-columns: 40px 1fr auto; gap: 10px; align-items: center; width: 100%;
    border: 0; background: none; padding: 10px 16px; text-align: left; cursor: pointer; border-bottom: 1px solid var(--line); }
  .chats li button:hover, .chats li button[aria-current=true] { background: #f5f6f6; }
  .avatar { width: 40px; height: 40px; border-radius: 50%; background: #dfe5e7; color: #54656f; display: grid;
    place-items: center; font-weight: 600; }
  .chats li button > div:nth-child(2) { min-width: 0; }
  .chat-name { font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .chat-last { color: var(--muted); font-size: 13px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .badge { background: #25d366; color: #fff; border-radius: 10px; min-width: 20px; padding: 0 6px; font-size: 12px;
    text-align: center; font-weight: 600; }
  .empty { color: var(--muted); padding: 16px; font-size: 13px; }

  .phone { background: #111; border-radius: 40px; padding: 12px; box-shadow: 0 12px 40px rgba(0,0,0,.25); }
  .screen { background: var(--chat-bg); border-radius: 30px; overflow: hidden; height: min(820px, calc(100vh - 72px));
    display: flex; flex-direction: column; position: relative; }
  .topbar { background: var(--green); color: #fff; padding: 14px 14px 10px; display: flex; gap: 10px; align-items: center; }
  .topbar .avatar { background: #fff; color: var(--green); width: 36px; height: 36px; }
  .topbar .title { font-weight: 600; }
  .topbar .sub { font-size: 12px; opacity: .85; }
  .messages { flex: 1; overflow-y: auto; padding: 10px 12px 14px; display: flex; flex-direction: column; gap: 4px;
    background-image: radial-gradient(rgba(0,0,0,.035) 1px, transparent 1px); background-size: 14px 14px; }
  .chip { align-self: center; background: #fff; color: var(--muted); font-size: 12px; border-radius: 8px;
    padding: 4px 10px; margin: 8px 0; box-shadow: 0 1px .5px rgba(11,20,26,.13); text-align: center; max-width: 90%; }
  .chip.window { background: #fff5c4; color: #54656f; }
  .row { display: flex; flex-direction: column; max-width: 82%; position: relative; }
  .row.in { align-self: flex-start; }
  .row.out { align-self: flex-end; align-items: flex-end; }
  .bubble { background: var(--bubble-in); border-radius: 8px; padding: 6px 8px 4px; box-shadow: 0 1px .5px rgba(11,20,26,.13);
    position: relative; min-width: 90px; word-wrap: break-word; white-space: pre-wrap; }
  .row.out .bubble { background: var(--bubble-out); }
  .bubble .tpl-header { font-weight: 700; margin-bottom: 4px; }
  .bubble .tpl-footer { color: var(--muted); font-size: 12px; margin-top: 4px; }
  .bubble img { display: block; max-width: 100%; border-radius: 6px; margin-bottom: 4px; max-height: 320px; }
  .bubble .missing { color: var(--muted); font-style: italic; }
  .meta { display: flex; gap: 4px; justify-content: flex-end; align-items: center; font-size: 11px; color: var(--muted);
    margin-top: 2px; white-space: nowrap; }
  .ticks { letter-spacing: -3px; font-size: 12px; }
  .ticks.read { color: var(--blue); }
  .quote { border-left: 4px solid #06cf9c; background: rgba(0,0,0,.05); border-radius: 6px; padding: 4px 8px; margin-bottom: 4px;
    font-size: 13px; color: var(--muted); cursor: default; }
  .quote b { display: block; color: var(--green); font-size: 12px; }
  .quote span { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
  .quick-replies { display: grid; gap: 4px; margin-top: 4px; width: 100%; }
  .quick-replies button { background: #fff; color: #027eb5; border: 0; border-radius: 8px; padding: 9px; cursor: pointer;
    font-weight: 600; box-shadow: 0 1px .5px rgba(11,20,26,.13); }
  .quick-replies button:hover { background: #f5f6f6; }
  .reaction { position: absolute; bottom: -12px; left: 8px; background: #fff; border-radius: 12px; padding: 0 5px;
    box-shadow: 0 1px 2px rgba(0,0,0,.2); font-size: 13px; }
  .row.has-reaction { margin-bottom: 12px; }
  .actions { position: absolute; top: 2px; display: none; gap: 2px; }
  .row.in .actions { right: -62px; }
  .row.out .actions { left: -62px; }
  .row:hover .actions, .row:focus-within .actions, .row.show-actions .actions { display: flex; }
  .actions button, .emoji-row button { border: 0; background: #fff; border-radius: 50%; width: 28px; height: 28px;
    cursor: pointer; box-shadow: 0 1px 2px rgba(0,0,0,.2); }
  .emoji-row { display: flex; gap: 4px; background: #fff; border-radius: 16px; padding: 4px; box-shadow: 0 2px 6px rgba(0,0,0,.2);
    margin-top: 4px; }
  .emoji-row button { box-shadow: none; font-size: 16px; }
  .composer { background: #f0f2f5; padding: 8px; display: grid; gap: 6px; }
  .composer .bar { display: flex; gap: 6px; align-items: center; }
  .composer input[type=text] { border-radius: 20px; border: 0; padding: 10px 14px; }
  .round { border: 0; width: 40px; height: 40px; border-radius: 50%; cursor: pointer; flex: none; font-size: 18px; }
  .round.send { background: var(--green); color: #fff; }
  .round.attach { background: transparent; color: #54656f; }
  .round svg { width: 22px; height: 22px; display: block; margin: auto; fill: currentColor; }
  .replying { display: flex; justify-content: space-between; gap: 8px; align-items: center; background: #fff; border-radius: 8px;
    padding: 6px 8px; border-left: 4px solid #06cf9c; font-size: 13px; }
  .replying button { border: 0; background: none; cursor: pointer; font-size: 16px; color: var(--muted); }
  .placeholder { margin: auto; text-align: center; color: var(--muted); padding: 24px; }
  .error { color: var(--danger); font-size: 12px; padding: 0 4px; }

  .settings { display: grid; gap: 10px; padding: 0 16px 16px; }
  .settings label { display: grid; gap: 4px; font-size: 13px; color: #3b4a54; }
  .settings .check { display: flex; gap: 8px; align-items: center; }
  .hint { color: var(--muted); font-size: 12px; margin: 0; }
  .hooks { list-style: none; margin: 0; padding: 0 16px 16px; font: 12px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace;
    max-height: 220px; overflow: auto; }
  .hooks li { display: flex; justify-content: space-between; gap: 8px; border-bottom: 1px dashed var(--line); }
  .hooks .bad { color: var(--danger); }
  @media (max-width: 1100px) { .layout { grid-template-columns: minmax(0, 430px); } }
</style>
</head>
<body>
<div class="layout">
  <aside class="panel" aria-label="Chats">
    <div class="brand">
      <h1>Bridgeline sandbox</h1>
      <p>You are the contact. Messages from the business appear on the phone; your replies reach the app as signed
        WhatsApp webhooks.</p>
    </div>
    <h2>Open a chat</h2>
    <form class="new-chat" id="new-chat">
      <input type="tel" id="new-number" placeholder="Number with country code, e.g. +14155550123" required
        aria-label="Contact number">
      <input type="text" id="new-name" placeholder="Profile name (optional)" aria-label="Profile name">
      <button class="primary" type="submit">Open chat</button>
      <p class="hint">Numbers ending in 0000 can't be reached on WhatsApp (error 131026).</p>
    </form>
    <h2>Chats</h2>
    <ul class="chats" id="chats"></ul>
  </aside>

  <main class="phone" aria-label="Contact's phone">
    <div class="screen">
      <header class="topbar">
        <div class="avatar" id="biz-avatar">B</div>
        <div>
          <div class="title" id="biz-name">Business</div>
          <div class="sub" id="biz-sub">WhatsApp Business</div>
        </div>
      </header>
      <section class="messages" id="messages" aria-live="polite">
        <div class="placeholder">Pick a chat on the left, or open one with a number.</div>
      </section>
      <form class="composer" id="composer" hidden>
        <div class="replying" id="replying" hidden>
          <span><b id="replying-who"></b> <span id="replying-text"></span></span>
          <button type="button" id="cancel-reply" aria-label="Cancel reply">✕</button>
        </div>
        <div class="bar">
          <button type="button" class="round attach" id="attach" aria-label="Send an image" title="Send an image"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M16.5 6.5v10.6a4.5 4.5 0 0 1-9 0V5.5a3 3 0 0 1 6 0v10.3a1.5 1.5 0 0 1-3 0V6.5H9v9.3a3 3 0 0 0 6 0V5.5a4.5 4.5 0 0 0-9 0v11.6a6 6 0 0 0 12 0V6.5z"/></svg></button>
          <input type="file" id="file" accept="image/jpeg,image/png,image/webp" hidden>
          <input type="text" id="text" placeholder="Message" autocomplete="off" aria-label="Message">
          <button type="submit" class="round send" aria-label="Send" title="Send"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z"/></svg></button>
        </div>
        <div class="error" id="composer-error" role="alert"></div>
      </form>
    </div>
  </main>

  <aside class="panel" aria-label="Sandbox settings">
    <h2>Simulated Cloud API</h2>
    <form class="settings" id="settings">
      <label>Latency (ms) <input type="number" min="0" max="60000" name="latencyMs"></label>
      <label>Error rate (0–1, answers 131000) <input type="number" min="0" max="1" step="0.05" name="errorRate"></label>
      <label>Throughput per second (then 130429) <input type="number" min="1" max="10000" name="throughputPerSecond"></label>
      <label>Status delay (ms) <input type="number" min="0" max="60000" name="statusDelayMs"></label>
      <label>Unreachable numbers (comma-separated) <input type="text" name="unreachable" placeholder="14155550999"></label>
      <label>131026 / 131047 reported in
        <select name="failuresAs"><option value="response">the send's answer</option>
          <option value="status">a failed status webhook</option></select></label>
      <label class="check"><input type="checkbox" name="webhooks"> Post webhooks</label>
      <p class="hint" id="settings-note">Changes apply at once.</p>
    </form>
    <h2>Recent webhooks</h2>
    <ul class="hooks" id="hooks"></ul>
  </aside>
</div>

<script>
(function () {
  'use strict';
  var EMOJI = ['👍', '❤️', '😂', '😮', '🙏'];
  var state = { business: null, chats: [], current: null, chat: null, replyTo: null };
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'class') node.className = attrs[k];
      else if (k.slice(0, 2) === 'on') node.addEventListener(k.slice(2), attrs[k]);
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }
  function api(method, path, body) {
    return fetch(path, {
      method: method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (!r.ok) throw new Error(data.error || ('HTTP ' + r.status));
        return data;
      });
    });
  }
  function initials(name) {
    if (/^\+?[\d\s]+$/.test(String(name))) return String(name).replace(/\D/g, '').slice(-2);
    var parts = String(name).replace(/[^\p{L}\p{N} ]/gu, '').trim().split(/\s+/);
    return ((parts[0] || '?')[0] + (parts[1] ? parts[1][0] : '')).toUpperCase();
  }
  function time(iso) { return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }); }
  function day(iso) {
    return new Date(iso).toLocaleDateString([], { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  }

  function loadState() {
    return api('GET', '/sandbox/phone/state').then(function (s) {
      state.business = s.business;
      state.chats = s.chats;
      $('biz-name').textContent = s.business.displayName;
      $('biz-sub').textContent = s.business.displayPhoneNumber + ' · business account';
      $('biz-avatar').textContent = initials(s.business.displayName);
      renderChats();
    });
  }
  function renderChats() {
    var list = $('chats');
    list.replaceChildren();
    if (state.chats.length === 0) {
      list.appendChild(el('li', { class: 'empty', text: 'No chats yet. Messages the business sends appear here.' }));
      return;
    }
    state.chats.forEach(function (c) {
      var button = el('button', { type: 'button', 'aria-current': String(c.waId === state.current),
        onclick: function () { location.hash = c.waId; } }, [
        el('div', { class: 'avatar', text: initials(c.name) }),
        el('div', {}, [
          el('div', { class: 'chat-name', text: c.name }),
          el('div', { class: 'chat-last', text: c.last ? (c.last.from === 'contact' ? 'You: ' : '') + c.last.text : '+' + c.waId })
        ]),
        c.unread > 0 ? el('span', { class: 'badge', text: String(c.unread) }) : null
      ]);
      list.appendChild(el('li', {}, [button]));
    });
  }

  function loadChat() {
    if (!state.current) return Promise.resolve();
    var waId = state.current;
    return api('GET', '/sandbox/phone/chats/' + waId).then(function (chat) {
      if (waId !== state.current) return;
      var same = state.chat && JSON.stringify(state.chat) === JSON.stringify(chat);
      state.chat = chat;
      // Re-render only on change, so a tap is never lost to a redraw.
      if (!same) renderChat();
      var unread = chat.messages.some(function (m) {
        return m.from === 'business' && m.state !== 'read' && m.state !== 'failed';
      });
      if (unread && document.visibilityState === 'visible') api('POST', '/sandbox/phone/chats/' + waId + '/read', {});
    });
  }

  function renderChat() {
    var chat = state.chat;
    var box = $('messages');
    var atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 60;
    box.replaceChildren();
    $('composer').hidden = false;
    var lastDay = null;
    var who = chat.name === '+' + chat.waId ? chat.name : chat.name + ' (+' + chat.waId + ')';
    box.appendChild(el('div', { class: 'chip', text: 'You are ' + who + '. Tap a message to reply or react.' }));
    chat.messages.forEach(function (m) {
      var d = day(m.at);
      if (d !== lastDay) { box.appendChild(el('div', { class: 'chip', text: d })); lastDay = d; }
      box.appendChild(renderMessage(m));
    });
    var w = chat.window;
    box.appendChild(el('div', { class: 'chip window', text: w.open
      ? 'The business may write freely until ' + day(w.closesAt) + ' ' + time(w.closesAt) + '.'
      : (w.closesAt ? 'Over 24 h since you last wrote: the business can only send templates.'
                    : 'You have not written yet: the business can only send templates.') }));
    if (atBottom || box.dataset.chat !== chat.waId) box.scrollTop = box.scrollHeight;
    box.dataset.chat = chat.waId;
  }

  function renderMessage(m) {
    var mine = m.from === 'contact';
    var bubble = el('div', { class: 'bubble' });
    if (m.replyTo) {
      bubble.appendChild(el('div', { class: 'quote' }, [
        el('b', { text: m.replyTo.from === 'contact' ? 'You' : state.business.displayName }),
        el('span', { text: m.replyTo.text || '' })
      ]));
    }
    if (m.type === 'image') {
      bubble.appendChild(el('img', { src: m.imageUrl, alt: m.text || 'Image' }));
    }
    if (m.type === 'template' && m.template) {
      if (m.template.header) bubble.appendChild(el('div', { class: 'tpl-header', text: m.template.header }));
      bubble.appendChild(el('div', { text: m.template.body }));
      if (m.template.footer) bubble.appendChild(el('div', { class: 'tpl-footer', text: m.template.footer }));
    } else if (m.text) {
      bubble.appendChild(el('div', { text: m.text }));
    }
    var meta = el('div', { class: 'meta' }, [document.createTextNode(time(m.at))]);
    if (mine) meta.appendChild(el('span', { class: 'ticks' + (m.state === 'read' ? ' read' : ''), text: '✓✓',
      title: m.state === 'read' ? 'Read by the business' : 'Delivered' }));
    bubble.appendChild(meta);
    if (m.reaction) bubble.appendChild(el('span', { class: 'reaction', text: m.reaction, title: 'Your reaction' }));

    var row = el('div', { class: 'row ' + (mine ? 'out' : 'in') + (m.reaction ? ' has-reaction' : ''), 'data-id': m.id },
      [bubble]);
    if (m.type === 'template' && m.template && m.template.buttons.length > 0) {
      row.appendChild(el('div', { class: 'quick-replies' }, m.template.buttons.map(function (b, i) {
        return el('button', { type: 'button', text: '↩ ' + b.text, onclick: function () {
          send({ type: 'button', messageId: m.id, index: i });
        } });
      })));
    }
    var actions = el('div', { class: 'actions' }, [
      el('button', { type: 'button', title: 'Reply', 'aria-label': 'Reply', text: '↩', onclick: function () { startReply(m); } }),
      el('button', { type: 'button', title: 'React', 'aria-label': 'React', text: '☺', onclick: function () {
        var open = row.querySelector('.emoji-row');
        if (open) { open.remove(); return; }
        row.appendChild(el('div', { class: 'emoji-row' }, EMOJI.map(function (e) {
          return el('button', { type: 'button', text: e, 'aria-label': 'React ' + e, onclick: function () {
            send({ type: 'reaction', messageId: m.id, emoji: m.reaction === e ? '' : e });
          } });
        })));
      } })
    ]);
    if (m.type !== 'button') {
      row.appendChild(actions);
      bubble.addEventListener('click', function () { row.classList.toggle('show-actions'); });
    }
    return row;
  }

  function startReply(m) {
    state.replyTo = m.id;
    $('replying').hidden = false;
    $('replying-who').textContent = (m.from === 'contact' ? 'You' : state.business.displayName) + ':';
    $('replying-text').textContent = m.text || (m.template && m.template.body) || 'Photo';
    $('text').focus();
  }
  function stopReply() { state.replyTo = null; $('replying').hidden = true; }

  function send(body) {
    $('composer-error').textContent = '';
    return api('POST', '/sandbox/phone/chats/' + state.current + '/messages', body)
      .then(function () { stopReply(); return refresh(); })
      .catch(function (e) { $('composer-error').textContent = e.message; });
  }

  $('composer').addEventListener('submit', function (e) {
    e.preventDefault();
    var text = $('text').value.trim();
    if (!text) return;
    $('text').value = '';
    send({ type: 'text', text: text, replyTo: state.replyTo });
  });
  $('cancel-reply').addEventListener('click', stopReply);
  $('attach').addEventListener('click', function () { $('file').click(); });
  $('file').addEventListener('change', function () {
    var file = $('file').files[0];
    $('file').value = '';
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var data = String(reader.result).split(',')[1] || '';
      var caption = $('text').value.trim();
      $('text').value = '';
      send({ type: 'image', data: data, mimeType: file.type, caption: caption || null, replyTo: state.replyTo });
    };
    reader.readAsDataURL(file);
  });
  $('new-chat').addEventListener('submit', function (e) {
    e.preventDefault();
    var waId = $('new-number').value.replace(/\D/g, '');
    var name = $('new-name').value.trim();
    if (waId.length < 6) return;
    var done = function () { $('new-number').value = ''; $('new-name').value = ''; location.hash = waId; };
    (name ? api('POST', '/sandbox/phone/chats/' + waId + '/profile', { name: name }) : Promise.resolve())
      .then(done).catch(function (err) { alert(err.message); });
  });

  function selectFromHash() {
    var waId = location.hash.replace(/^#/, '').replace(/\D/g, '');
    state.current = waId || null;
    stopReply();
    renderChats();
    if (state.current) loadChat().then(loadState);
  }
  window.addEventListener('hashchange', selectFromHash);
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'visible') loadChat(); });

  var pending = null;
  function refresh() {
    if (pending) return pending;
    pending = new Promise(function (resolve) { setTimeout(resolve, 80); })
      .then(function () { pending = null; return Promise.all([loadState(), loadChat(), loadSettings()]); });
    return pending;
  }
  function listen() {
    if (!window.EventSource) { setInterval(refresh, 3000); return; }
    var source = new EventSource('/sandbox/phone/events');
    source.addEventListener('chat', refresh);
    source.onerror = function () { setTimeout(refresh, 2000); };
  }

  var settingsForm = $('settings');
  function loadSettings() {
    return api('GET', '/sandbox/settings').then(function (view) {
      var s = view.settings;
      ['latencyMs', 'errorRate', 'throughputPerSecond', 'statusDelayMs'].forEach(function (k) {
        if (document.activeElement !== settingsForm.elements[k]) settingsForm.elements[k].value = s[k];
      });
      if (document.activeElement !== settingsForm.elements.unreachable) settingsForm.elements.unreachable.value = s.unreachable.join(', ');
      settingsForm.elements.failuresAs.value = s.failuresAs;
      settingsForm.elements.webhooks.checked = s.webhooks;
      var hooks = $('hooks');
      hooks.replaceChildren();
      if (view.recentWebhooks.length === 0) hooks.appendChild(el('li', { class: 'empty', text: 'None yet.' }));
      view.recentWebhooks.slice(0, 20).forEach(function (h) {
        var ok = typeof h.status === 'number' && h.status < 300;
        hooks.appendChild(el('li', {}, [
          el('span', { text: new Date(h.at).toLocaleTimeString() + ' ' + h.kind }),
          el('span', { class: ok ? '' : 'bad', text: String(h.status) + (h.attempts > 1 ? ' ×' + h.attempts : '') })
        ]));
      });
    });
  }
  settingsForm.addEventListener('change', function () {
    var f = settingsForm.elements;
    api('PUT', '/sandbox/settings', {
      latencyMs: Number(f.latencyMs.value), errorRate: Number(f.errorRate.value),
      throughputPerSecond: Number(f.throughputPerSecond.value), statusDelayMs: Number(f.statusDelayMs.value),
      unreachable: f.unreachable.value.split(',').map(function (s) { return s.replace(/\D/g, ''); }).filter(Boolean),
      failuresAs: f.failuresAs.value, webhooks: f.webhooks.checked
    }).then(function () { $('settings-note').textContent = 'Saved.'; })
      .catch(function (e) { $('settings-note').textContent = e.message; });
  });

  loadState().then(selectFromHash).then(loadSettings).then(listen);
  setInterval(function () { if (document.visibilityState === 'visible') loadSettings(); }, 3000);
})();
</script>
</body>
</html>
`;
