/*! Omnibot website widget. Embed with:
 *  <script src="https://YOUR-HOST/widget.js" data-bot="BOT_ID" async></script>
 * Optional attributes: data-lang="fa", data-title="Chat with us", data-color="#2b6cb0", data-open="true",
 * data-campaign="spring-sale" (start payload; utm_campaign of the page URL is used otherwise).
 * Plain JavaScript, no framework; styles live in a shadow root so the host page is untouched.
 */
(function () {
  'use strict';
  var script = document.currentScript || document.querySelector('script[data-bot][src*="widget.js"]');
  if (!script || window.__omnibotWidgetLoaded) return;
  window.__omnibotWidgetLoaded = true;

  var botId = script.getAttribute('data-bot') || 'demo';
  var base = new URL(script.src, location.href).origin;
  var api = base + '/api/channels/web/' + encodeURIComponent(botId);
  var storageKey = 'omnibot:' + botId + ':token';
  var rtlLanguages = ['ar', 'fa', 'he', 'ur', 'ps', 'ckb'];
  var strings = {
    en: { open: 'Open chat', close: 'Close chat', title: 'Chat with us', placeholder: 'Type a message…', send: 'Send', typing: 'typing…', offline: 'Reconnecting…', error: 'Message not sent. Tap to retry.', log: 'Conversation' },
    fa: { open: 'باز کردن گفتگو', close: 'بستن گفتگو', title: 'گفتگو با ما', placeholder: 'پیام خود را بنویسید…', send: 'ارسال', typing: 'در حال نوشتن…', offline: 'در حال اتصال دوباره…', error: 'پیام ارسال نشد. برای تلاش دوباره بزنید.', log: 'گفتگو' },
    ar: { open: 'فتح المحادثة', close: 'إغلاق المحادثة', title: 'تحدث معنا', placeholder: 'اكتب رسالة…', send: 'إرسال', typing: 'يكتب…', offline: 'جارٍ إعادة الاتصال…', error: 'لم تُرسل الرسالة. انقر لإعادة المحاولة.', log: 'المحادثة' },
  };

  var state = {
    lang: (script.getAttribute('data-lang') || document.documentElement.lang || navigator.language || 'en').toLowerCase().split('-')[0],
    token: null,
    visitorId: null,
    lastId: 0,
    seen: {},
    pending: {},
    ws: null,
    wsFailures: 0,
    pollTimer: null,
    reconnectTimer: null,
    open: false,
    started: false,
    sessionReady: null,
    queue: Promise.resolve(),
    typingTimer: null,
  };

  function t(key) {
    return (strings[state.lang] || strings.en)[key] || strings.en[key];
  }
  function isRtlLang(lang) {
    return rtlLanguages.indexOf((lang || '').toLowerCase().split('-')[0]) >= 0;
  }
  function isRtlText(text) {
    return /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.test(text || '');
  }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'text') node.textContent = attrs[key];
      else if (key === 'onclick') node.addEventListener('click', attrs[key]);
      else if (attrs[key] !== undefined && attrs[key] !== null) node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(child);
    });
    return node;
  }
  function newId() {
    return 'm_' + Date.now().toString(36) + '_' + Math.random().toString(36).slice(2, 10);
  }
  function safeUrl(url) {
    try {
      var parsed = new URL(url, base);
      return /^https?:$/.test(parsed.protocol) ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  // ---------- DOM ----------
  var color = script.getAttribute('data-color') || '#2b6cb0';
  var host = el('div', { id: 'omnibot-widget' });
  var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
  var css =
    ':host{all:initial}' +
    '*{box-sizing:border-box;font-family:system-ui,-apple-system,"Segoe UI",Tahoma,"Vazirmatn",sans-serif}' +
    '.launcher{position:fixed;bottom:20px;inset-inline-end:20px;width:56px;height:56px;border-radius:50%;border:0;background:var(--c);color:#fff;font-size:26px;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);z-index:2147483000}' +
    '.launcher:focus-visible,button:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #f6ad55;outline-offset:2px}' +
    '.panel{position:fixed;bottom:88px;inset-inline-end:20px;width:360px;max-width:calc(100vw - 24px);height:520px;max-height:calc(100vh - 110px);display:flex;flex-direction:column;background:#fff;color:#1a202c;border-radius:14px;box-shadow:0 8px 30px rgba(0,0,0,.3);overflow:hidden;z-index:2147483000}' +
    '.panel[hidden]{display:none}' +
    '.head{display:flex;align-items:center;justify-content:space-between;padding:12px 14px;background:var(--c);color:#fff}' +
    '.head h2{margin:0;font-size:16px;font-weight:600}' +
    '.head button{background:transparent;border:0;color:#fff;font-size:20px;cursor:pointer;line-height:1}' +
    '.status{font-size:12px;padding:4px 14px;background:#fefcbf;color:#744210}' +
    '.status[hidden]{display:none}' +
    '.log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px;background:#f7fafc}' +
    '.msg{max-width:82%;padding:8px 12px;border-radius:12px;line-height:1.4;font-size:14px;white-space:pre-wrap;word-wrap:break-word}' +
    '.msg.bot{align-self:flex-start;background:#fff;border:1px solid #e2e8f0}' +
    '.msg.me{align-self:flex-end;background:var(--c);color:#fff}' +
    '.msg.agent{align-self:flex-start;background:#ebf8ff;border:1px solid #bee3f8}' +
    '.msg.notice{align-self:center;background:transparent;color:#4a5568;font-size:12px;font-style:italic}' +
    '.msg.failed{opacity:.6;cursor:pointer;border:1px dashed #e53e3e}' +
    '.msg img{display:block;max-width:100%;border-radius:8px;margin-bottom:4px}' +
    '.msg .title{font-weight:600}' +
    '.msg .sub{color:#4a5568;font-size:13px}' +
    '.buttons{display:flex;flex-direction:column;gap:6px;margin-top:8px}' +
    '.buttons button,.buttons a{display:block;text-align:center;padding:6px 10px;border-radius:8px;border:1px solid var(--c);background:#fff;color:var(--c);cursor:pointer;font-size:13px;text-decoration:none}' +
    '.quick{display:flex;flex-wrap:wrap;gap:6px;padding:6px 12px;background:#f7fafc}' +
    '.quick:empty{display:none}' +
    '.quick button{padding:6px 12px;border-radius:16px;border:1px solid var(--c);background:#fff;color:var(--c);cursor:pointer;font-size:13px}' +
    '.typing{align-self:flex-start;color:#718096;font-size:13px;padding:4px 8px}' +
    '.typing[hidden]{display:none}' +
    'form{display:flex;gap:6px;padding:10px;border-top:1px solid #e2e8f0;background:#fff}' +
    'input{flex:1;padding:8px 10px;border:1px solid #cbd5e0;border-radius:8px;font-size:14px}' +
    'form button{padding:8px 14px;border:0;border-radius:8px;background:var(--c);color:#fff;cursor:pointer;font-size:14px}' +
    '.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}';
  root.appendChild(el('style', { text: css }));

  var launcher = el('button', { class: 'launcher', type: 'button', 'aria-haspopup': 'dialog', 'aria-expanded': 'false', 'aria-controls': 'omnibot-panel', 'data-omnibot': 'launcher' });
  launcher.textContent = '💬';
  var titleEl = el('h2', { id: 'omnibot-title' });
  var closeBtn = el('button', { type: 'button', 'data-omnibot': 'close' });
  closeBtn.textContent = '×';
  var statusEl = el('div', { class: 'status', role: 'status', hidden: '' });
  var log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions', tabindex: '0', 'data-omnibot': 'log' });
  var typing = el('div', { class: 'typing', hidden: '', 'data-omnibot': 'typing', 'aria-live': 'polite' });
  var quick = el('div', { class: 'quick', role: 'group', 'data-omnibot': 'quick-replies' });
  var input = el('input', { type: 'text', autocomplete: 'off', maxlength: '4000', 'data-omnibot': 'input' });
  var sendBtn = el('button', { type: 'submit', 'data-omnibot': 'send' });
  var form = el('form', {}, [input, sendBtn]);
  var panel = el('section', { class: 'panel', id: 'omnibot-panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'omnibot-title', hidden: '', 'data-omnibot': 'panel' }, [
    el('div', { class: 'head' }, [titleEl, closeBtn]),
    statusEl,
    log,
    quick,
    form,
  ]);
  var wrap = el('div', { style: '--c:' + color }, [launcher, panel]);
  root.appendChild(wrap);
  log.appendChild(typing);

  function applyLanguage(lang) {
    if (lang) state.lang = lang.toLowerCase().split('-')[0];
    var rtl = isRtlLang(state.lang);
    setDirection(rtl);
    panel.setAttribute('lang', state.lang);
    launcher.setAttribute('aria-label', t('open'));
    closeBtn.setAttribute('aria-label', t('close'));
    titleEl.textContent = script.getAttribute('data-title') || state.title || t('title');
    log.setAttribute('aria-label', t('log'));
    input.setAttribute('placeholder', t('placeholder'));
    input.setAttribute('aria-label', t('placeholder'));
    sendBtn.textContent = t('send');
    typing.textContent = t('typing');
  }
  function setDirection(rtl) {
    var dir = rtl ? 'rtl' : 'ltr';
    panel.setAttribute('dir', dir);
    wrap.setAttribute('dir', dir);
  }
  applyLanguage();

  // ---------- rendering ----------
  function scrollDown() {
    log.scrollTop = log.scrollHeight;
  }
  function addBubble(node) {
    log.insertBefore(node, typing);
    scrollDown();
    return node;
  }
  function renderButtons(buttons) {
    var box = el('div', { class: 'buttons' });
    buttons.forEach(function (button) {
      if (button.type === 'url') {
        var href = safeUrl(button.url);
        if (href) box.appendChild(el('a', { href: href, target: '_blank', rel: 'noopener noreferrer', text: button.title }));
      } else {
        box.appendChild(el('button', { type: 'button', text: button.title, onclick: function () { sendPostback(button.payload, button.title); } }));
      }
    });
    return box;
  }
  function renderQuickReplies(replies) {
    quick.textContent = '';
    (replies || []).forEach(function (reply) {
      quick.appendChild(el('button', { type: 'button', text: reply.title, 'data-payload': reply.payload, onclick: function () { sendPostback(reply.payload, reply.title); } }));
    });
  }
  function showTyping(ms) {
    typing.hidden = false;
    scrollDown();
    clearTimeout(state.typingTimer);
    state.typingTimer = setTimeout(function () { typing.hidden = true; }, ms);
  }

  /** Renders one stored message (from history, the websocket or polling); bot messages keep their order and typing pauses. */
  function renderStored(item, animate) {
    if (state.seen[item.id]) return;
    state.seen[item.id] = true;
    if (item.id > state.lastId) state.lastId = item.id;
    if (item.direction === 'in') {
      if (item.type === 'start') return;
      var mine = item.clientMessageId && state.pending[item.clientMessageId];
      if (mine) {
        mine.classList.remove('failed');
        delete state.pending[item.clientMessageId];
        return;
      }
      addBubble(el('div', { class: 'msg me', dir: 'auto', text: item.text }));
      return;
    }
    var message = item.message || { type: 'text', text: item.text };
    if (!animate) return drawOutbound(message, item.sender);
    state.queue = state.queue.then(function () {
      if (message.type === 'typing') {
        var wait = Math.min(message.durationMs || 0, 3000);
        showTyping(wait);
        return new Promise(function (resolve) { setTimeout(resolve, wait); });
      }
      drawOutbound(message, item.sender);
    });
  }

  function drawOutbound(message, sender) {
    if (message.type === 'typing') return;
    typing.hidden = true;
    var who = sender === 'agent' ? 'agent' : 'bot';
    var text = message.text || message.caption || message.title || '';
    if (isRtlText(text) && panel.getAttribute('dir') !== 'rtl' && !isRtlLang(state.lang)) setDirection(true);
    var bubble;
    switch (message.type) {
      case 'text':
        bubble = el('div', { class: 'msg ' + who, dir: 'auto' });
        bubble.appendChild(document.createTextNode(message.text));
        if (message.buttons && message.buttons.length) bubble.appendChild(renderButtons(message.buttons));
        addBubble(bubble);
        renderQuickReplies(message.quickReplies);
        return;
      case 'media':
        bubble = el('div', { class: 'msg ' + who, dir: 'auto' });
        var src = safeUrl(message.url);
        if (message.mediaType === 'image' && src) bubble.appendChild(el('img', { src: src, alt: message.caption || '', loading: 'lazy' }));
        else if (src) bubble.appendChild(el('a', { href: src, target: '_blank', rel: 'noopener noreferrer', text: message.caption || src }));
        if (message.caption && message.mediaType === 'image') bubble.appendChild(el('div', { text: message.caption }));
        addBubble(bubble);
        renderQuickReplies([]);
        return;
      case 'card':
        bubble = el('div', { class: 'msg ' + who + ' card', dir: 'auto' });
        var img = message.imageUrl && safeUrl(message.imageUrl);
        if (img) bubble.appendChild(el('img', { src: img, alt: message.title, loading: 'lazy' }));
        bubble.appendChild(el('div', { class: 'title', text: message.title }));
        if (message.subtitle) bubble.appendChild(el('div', { class: 'sub', text: message.subtitle }));
        var link = message.url && safeUrl(message.url);
        if (link) bubble.appendChild(el('a', { href: link, target: '_blank', rel: 'noopener noreferrer', text: link }));
        if (message.buttons && message.buttons.length) bubble.appendChild(renderButtons(message.buttons));
        addBubble(bubble);
        renderQuickReplies([]);
        return;
      case 'handoff':
        addBubble(el('div', { class: 'msg notice', dir: 'auto', text: message.text }));
        return;
      default:
        if (text) addBubble(el('div', { class: 'msg ' + who, dir: 'auto', text: text }));
    }
  }

  // ---------- transport ----------
  function request(method, path, body) {
    var headers = { 'content-type': 'application/json' };
    if (state.token) headers['x-visitor-token'] = state.token;
    return fetch(api + path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined }).then(function (res) {
      return res.json().then(function (data) {
        if (!res.ok) throw Object.assign(new Error((data.error && data.error.message) || res.statusText), { status: res.status });
        return data;
      });
    });
  }

  function session() {
    if (state.sessionReady) return state.sessionReady;
    var saved = null;
    try { saved = localStorage.getItem(storageKey); } catch (e) { /* storage blocked */ }
    state.sessionReady = request('POST', '/session', { token: saved || undefined, locale: state.lang }).then(function (data) {
      state.token = data.token;
      state.visitorId = data.visitorId;
      try { localStorage.setItem(storageKey, data.token); } catch (e) { /* storage blocked */ }
      if (data.widget && data.widget.title) state.title = data.widget.title;
      if (!script.getAttribute('data-lang') && data.conversation && data.conversation.locale) applyLanguage(data.conversation.locale);
      else applyLanguage();
      return request('GET', '/messages?limit=100');
    }).then(function (data) {
      data.messages.forEach(function (item) { renderStored(item, false); });
      state.started = data.messages.length > 0;
      connect();
    });
    state.sessionReady.catch(function () { state.sessionReady = null; });
    return state.sessionReady;
  }

  function connect() {
    if (!window.WebSocket || state.wsFailures >= 5) return startPolling();
    var url = api.replace(/^http/, 'ws') + '/ws?token=' + encodeURIComponent(state.token);
    var ws;
    try { ws = new WebSocket(url); } catch (e) { state.wsFailures++; return startPolling(); }
    state.ws = ws;
    ws.onopen = function () {
      state.wsFailures = 0;
      statusEl.hidden = true;
      stopPolling();
      ws.send(JSON.stringify({ type: 'hello', after: state.lastId }));
      Object.keys(state.pending).forEach(function (id) {
        var bubble = state.pending[id];
        if (bubble.__frame && !bubble.__acked) ws.send(JSON.stringify(bubble.__frame));
      });
    };
    ws.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame.type === 'message') renderStored(frame.message, true);
      else if (frame.type === 'ack' && state.pending[frame.messageId]) state.pending[frame.messageId].__acked = true;
      else if (frame.type === 'error' && frame.messageId && state.pending[frame.messageId]) markFailed(frame.messageId);
    };
    ws.onclose = function () {
      if (state.ws !== ws) return;
      state.ws = null;
      state.wsFailures++;
      statusEl.textContent = t('offline');
      statusEl.hidden = false;
      startPolling();
      clearTimeout(state.reconnectTimer);
      state.reconnectTimer = setTimeout(connect, Math.min(30000, 1000 * Math.pow(2, state.wsFailures)));
    };
  }

  function startPolling() {
    if (state.pollTimer) return;
    state.pollTimer = setInterval(poll, 3000);
  }
  function stopPolling() {
    clearInterval(state.pollTimer);
    state.pollTimer = null;
  }
  function poll() {
    return request('GET', '/messages?after=' + state.lastId).then(function (data) {
      statusEl.hidden = true;
      data.messages.forEach(function (item) { renderStored(item, true); });
    }).catch(function () { /* next tick */ });
  }

  function markFailed(messageId) {
    var bubble = state.pending[messageId];
    if (!bubble) return;
    bubble.classList.add('failed');
    bubble.setAttribute('title', t('error'));
    bubble.onclick = function () {
      bubble.classList.remove('failed');
      deliver(bubble.__frame);
    };
  }

  /** Sends a frame over the websocket when open, else over HTTP (same messageId: a retry is never a second message). */
  function deliver(frame) {
    if (state.ws && state.ws.readyState === 1) {
      state.ws.send(JSON.stringify(frame));
      setTimeout(function () {
        var bubble = state.pending[frame.messageId];
        if (bubble && !bubble.__acked) httpSend(frame);
      }, 8000);
      return;
    }
    httpSend(frame);
  }
  function httpSend(frame) {
    var body = { messageId: frame.messageId, visitorId: state.visitorId, text: frame.text, postback: frame.postback, start: frame.start, locale: state.lang };
    request('POST', '/messages', body).then(function () {
      var bubble = state.pending[frame.messageId];
      if (bubble) bubble.__acked = true;
      return poll();
    }).catch(function (error) {
      if (error.status >= 400 && error.status < 500) return markFailed(frame.messageId);
      setTimeout(function () { if (state.pending[frame.messageId]) httpSend(frame); }, 3000);
    });
  }

  function sendFrame(frame, text) {
    frame.type = 'message';
    frame.messageId = newId();
    frame.locale = state.lang;
    if (text) {
      var bubble = addBubble(el('div', { class: 'msg me', dir: 'auto', text: text }));
      bubble.__frame = frame;
      state.pending[frame.messageId] = bubble;
    } else {
      state.pending[frame.messageId] = { __frame: frame, classList: { add: function () {}, remove: function () {} }, setAttribute: function () {} };
    }
    renderQuickReplies([]);
    showTyping(10000);
    session().then(function () { deliver(frame); });
  }
  function sendText(text) {
    text = (text || '').trim();
    if (!text) return;
    state.started = true;
    sendFrame({ text: text }, text);
  }
  function sendPostback(payload, title) {
    state.started = true;
    sendFrame({ postback: { payload: payload, title: title } }, title);
    input.focus();
  }

  // ---------- interactions ----------
  function openPanel() {
    state.open = true;
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
    input.focus();
    session().then(function () {
      if (!state.started) {
        state.started = true;
        var params = new URLSearchParams(location.search);
        var campaign = script.getAttribute('data-campaign') || params.get('utm_campaign') || undefined;
        sendFrame({ start: { payload: campaign } });
      }
    }).catch(function () {
      statusEl.textContent = t('offline');
      statusEl.hidden = false;
    });
  }
  function closePanel() {
    state.open = false;
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  }
  launcher.addEventListener('click', function () { state.open ? closePanel() : openPanel(); });
  closeBtn.addEventListener('click', closePanel);
  panel.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') closePanel();
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = '';
    sendText(text);
  });

  function mount() {
    document.body.appendChild(host);
    // A returning visitor gets their history (and live messages) without opening the panel first.
    var saved = null;
    try { saved = localStorage.getItem(storageKey); } catch (e) { /* storage blocked */ }
    if (saved) session().catch(function () {});
    if (script.getAttribute('data-open') === 'true') openPanel();
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);

  window.OmnibotWidget = { open: openPanel, close: closePanel, send: sendText, botId: botId };
})();
