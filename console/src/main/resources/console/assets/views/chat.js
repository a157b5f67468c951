// Chat: the conversation list, the model picker (enabled models, with capability badges), streamed answers
// with a stop button, editing and regenerating messages, renaming, deleting and sharing conversations.
import { api, streamChat } from '../api.js';
import { h, replace, statusLine, confirmButton, copyButton } from '../dom.js';

const MODEL_KEY = 'jansuite.model';

/** Message content as text: a string, or the text parts of an OpenAI content array. */
export function textOf(content) {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (typeof p === 'string' ? p : p.text || '')).join('');
  return content == null ? '' : JSON.stringify(content);
}

async function loadModels() {
  const [models, catalogs] = await Promise.all([
    api('GET', '/v1/models'),
    api('GET', '/v1/models/catalogs').catch(() => ({ data: [] })),
  ]);
  const capabilities = new Map((catalogs.data || []).map((c) => [c.id, c.capabilities || []]));
  return models.data.map((m) => ({ id: m.id, capabilities: capabilities.get(m.id) || [] }));
}

export async function chatView(container, { args }) {
  const status = statusLine();
  const state = { conversation: null, items: [], models: [], streaming: null, share: null };

  const list = h('ul', { class: 'conversations', id: 'conversation-list' });
  const sidebar = h('aside', { class: 'sidebar', id: 'sidebar' },
    h('button', { type: 'button', id: 'new-chat', onclick: () => { location.hash = '#/chat'; } }, 'New chat'),
    list);
  const picker = h('select', { id: 'model-picker', 'aria-label': 'Model' });
  const badges = h('span', { class: 'badges', id: 'model-badges' });
  const title = h('h1', { class: 'conversation-title', id: 'conversation-title' }, 'New chat');
  const sharePanel = h('div', { class: 'share-panel', id: 'share-panel', hidden: true });
  const shareButton = h('button', { type: 'button', class: 'secondary', id: 'share', hidden: true, onclick: () => share() }, 'Share');
  const messages = h('ol', { class: 'messages', id: 'messages', 'aria-live': 'polite' });
  const input = h('textarea', {
    id: 'composer', rows: 2, placeholder: 'Message (Enter sends, Shift+Enter is a new line)', 'aria-label': 'Message',
    onkeydown: (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); sendMessage(); }
    },
  });
  const sendButton = h('button', { type: 'submit', id: 'send' }, 'Send');
  const stopButton = h('button', { type: 'button', class: 'danger', id: 'stop', hidden: true, onclick: () => state.streaming && state.streaming.abort() }, 'Stop');
  const toggleSidebar = h('button', {
    type: 'button', class: 'secondary only-narrow', 'aria-controls': 'sidebar', onclick: () => sidebar.classList.toggle('open'),
  }, 'Chats');

  replace(container, h('div', { class: 'chat' },
    sidebar,
    h('section', { class: 'chat-main' },
      h('div', { class: 'chat-head' }, toggleSidebar, title, shareButton,
        h('div', { class: 'picker' }, picker, badges)),
      sharePanel,
      messages,
      status.el,
      h('form', { class: 'composer', onsubmit: (e) => { e.preventDefault(); sendMessage(); } }, input, sendButton, stopButton))));

  function showBadges() {
    const model = state.models.find((m) => m.id === picker.value);
    replace(badges, (model ? model.capabilities : []).map((c) => h('span', { class: 'badge' }, c)));
  }
  picker.addEventListener('change', () => { localStorage.setItem(MODEL_KEY, picker.value); showBadges(); });

  async function refreshModels() {
    state.models = await loadModels();
    const wanted = picker.value || localStorage.getItem(MODEL_KEY);
    replace(picker, state.models.map((m) => h('option', { value: m.id }, m.id)));
    if (state.models.some((m) => m.id === wanted)) picker.value = wanted;
    if (!state.models.length) status.error(new Error('No model is enabled on this server; ask an admin.'));
    showBadges();
  }

  async function refreshList() {
    const page = await api('GET', '/v1/conversations?limit=50');
    replace(list, page.data.map((c) => conversationEntry(c)));
  }

  function conversationEntry(c) {
    const link = h('a', { href: `#/chat/${encodeURIComponent(c.id)}`, 'aria-current': state.conversation && state.conversation.id === c.id ? 'page' : null },
      c.title || 'Untitled');
    const rename = h('button', {
      type: 'button', class: 'link', 'aria-label': `Rename ${c.title || 'conversation'}`, onclick: () => {
        const field = h('input', { value: c.title || '', 'aria-label': 'New title', maxlength: 200 });
        const save = async () => {
          try {
            await api('PATCH', `/v1/conversations/${c.id}`, { title: field.value.trim() });
            if (state.conversation && state.conversation.id === c.id) title.textContent = field.value.trim() || 'Untitled';
            await refreshList();
          } catch (err) { status.error(err); }
        };
        field.addEventListener('keydown', (e) => {
          if (e.key === 'Enter') { e.preventDefault(); save(); }
          if (e.key === 'Escape') refreshList();
        });
        replace(entry, field, h('button', { type: 'button', onclick: save }, 'Save'));
        field.focus();
      },
    }, 'Rename');
    const remove = confirmButton('Delete', 'Really?', async () => {
      try {
        await api('DELETE', `/v1/conversations/${c.id}`);
        if (state.conversation && state.conversation.id === c.id) location.hash = '#/chat';
        else await refreshList();
      } catch (err) { status.error(err); }
    }, { class: 'link', 'aria-label': `Delete ${c.title || 'conversation'}` });
    const entry = h('li', {}, link, h('span', { class: 'entry-actions' }, rename, remove));
    return entry;
  }

  function renderItems() {
    replace(messages, state.items.map((item) => messageEntry(item)));
    messages.scrollTop = messages.scrollHeight;
  }

  function messageEntry(item) {
    const body = h('div', { class: 'msg-body' }, textOf(item.content));
    const actions = h('div', { class: 'msg-actions' });
    const entry = h('li', { class: `msg ${item.role}`, 'data-id': item.id || '' },
      h('div', { class: 'msg-role' }, item.role === 'user' ? 'You' : item.role === 'assistant' ? 'Assistant' : item.role),
      body, actions);
    if (item.id && state.conversation) {
      actions.append(h('button', { type: 'button', class: 'link', onclick: () => edit(item, body, actions) }, 'Edit'));
      if (item.role === 'assistant') {
        actions.append(h('button', { type: 'button', class: 'link', onclick: () => regenerate(item, body) }, 'Regenerate'));
      }
      actions.append(confirmButton('Delete', 'Really?', async () => {
        try {
          await api('DELETE', `/v1/conversations/${state.conversation.id}/items/${item.id}`);
          await openConversation(state.conversation.id);
        } catch (err) { status.error(err); }
      }, { class: 'link', 'aria-label': 'Delete message' }));
    }
    return entry;
  }

  function edit(item, body, actions) {
    const field = h('textarea', { rows: 4, 'aria-label': 'Edit message' });
    field.value = textOf(item.content);
    const save = async () => {
      try {
        await api('PATCH', `/v1/conversations/${state.conversation.id}/items/${item.id}`, { content: field.value });
        await openConversation(state.conversation.id);
      } catch (err) { status.error(err); }
    };
    replace(body, field);
    replace(actions, h('button', { type: 'button', onclick: save }, 'Save'),
      h('button', { type: 'button', class: 'secondary', onclick: () => renderItems() }, 'Cancel'));
    field.focus();
  }

  async function regenerate(item, body) {
    status.clear();
    body.classList.add('pending');
    try {
      await api('POST', `/v1/conversations/${state.conversation.id}/items/${item.id}/regenerate`, { model: picker.value });
      await openConversation(state.conversation.id);
    } catch (err) {
      body.classList.remove('pending');
      status.error(err);
    }
  }

  async function share() {
    status.clear();
    try {
      const { data } = await api('POST', `/v1/conversations/${state.conversation.id}/share`, {});
      state.share = data;
      const link = data.share_link || `${location.origin}/v1/public/shares/${data.slug}`;
      sharePanel.hidden = false;
      replace(sharePanel,
        h('span', {}, 'Anyone with this link can read the conversation: '),
        h('input', { readOnly: true, value: link, id: 'share-link', 'aria-label': 'Share link' }),
        copyButton(() => link, 'Copy link'),
        confirmButton('Revoke', 'Really revoke?', async () => {
          try {
            await api('DELETE', `/v1/conversations/${state.conversation.id}/share/${data.id}`);
            sharePanel.hidden = true;
            status.ok('The share link no longer works.');
          } catch (err) { status.error(err); }
        }));
    } catch (err) { status.error(err); }
  }

  async function openConversation(id) {
    const { data } = await api('GET', `/v1/conversations/${encodeURIComponent(id)}`);
    state.conversation = data;
    state.items = data.items || [];
    title.textContent = data.title || 'Untitled';
    shareButton.hidden = false;
    renderItems();
  }

  function streaming(on) {
    sendButton.hidden = on;
    stopButton.hidden = !on;
    input.disabled = on;
  }

  async function sendMessage() {
    const text = input.value.trim();
    if (!text || state.streaming) return;
    if (!picker.value) { status.error(new Error('Pick a model first.')); return; }
    status.clear();
    const controller = new AbortController();
    state.streaming = controller;
    streaming(true);
    try {
      if (!state.conversation) {
        const { data } = await api('POST', '/v1/conversations', { title: text.slice(0, 60) });
        state.conversation = { ...data, items: [] };
        title.textContent = data.title || 'Untitled';
        shareButton.hidden = false;
        history.replaceState(null, '', `#/chat/${encodeURIComponent(data.id)}`);
      }
      input.value = '';
      state.items.push({ role: 'user', content: text });
      const answer = { role: 'assistant', content: '' };
      state.items.push(answer);
      renderItems();
      const answerBody = messages.lastElementChild.querySelector('.msg-body');
      answerBody.classList.add('streaming');
      try {
        await streamChat({ model: picker.value, conversation: state.conversation.id, messages: [{ role: 'user', content: text }] },
          (delta) => {
            answer.content += delta;
            answerBody.textContent = answer.content;
            messages.scrollTop = messages.scrollHeight;
          }, controller.signal);
      } catch (err) {
        if (err.name === 'AbortError') {
          answerBody.append(h('em', { class: 'muted' }, ' (stopped)'));
        } else {
          status.error(err);
        }
      } finally {
        answerBody.classList.remove('streaming');
      }
      await refreshList();
      if (!controller.signal.aborted) await openConversation(state.conversation.id);
    } catch (err) {
      status.error(err);
    } finally {
      state.streaming = null;
      streaming(false);
      input.focus();
    }
  }

  await Promise.all([refreshModels().catch((e) => status.error(e)), refreshList().catch((e) => status.error(e))]);
  if (args[0]) {
    try {
      await openConversation(args[0]);
      await refreshList();
    } catch (err) {
      status.error(err);
    }
  }
  input.focus();
  container.dataset.ready = 'true';
}
