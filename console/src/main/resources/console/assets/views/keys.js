// API keys: create (name, scopes, expiry; the key is shown once, with a copy button), list and revoke.
import { api, isAdmin } from '../api.js';
import { h, replace, statusLine, confirmButton, copyButton, formatDate, table } from '../dom.js';

export async function keysView(container, { user }) {
  const status = statusLine();
  const listArea = h('div', { id: 'key-list' });
  const revealed = h('div', { id: 'new-key-panel' });
  const name = h('input', { id: 'key-name', maxlength: 100, required: true, placeholder: 'e.g. laptop SDK' });
  const scopes = ['read', 'write', ...(isAdmin(user) ? ['admin'] : [])].map((scope) => ({
    scope, box: h('input', { type: 'checkbox', id: `scope-${scope}`, checked: scope !== 'admin' }),
  }));
  const expiry = h('select', { id: 'key-expiry' },
    h('option', { value: '' }, 'Never'), [7, 30, 90, 365].map((d) => h('option', { value: d }, `${d} days`)));

  async function load() {
    const page = await api('GET', '/llm/auth/api-keys?limit=100');
    replace(listArea, table([
      { title: 'Name', cell: (k) => k.name },
      { title: 'Key', cell: (k) => h('code', {}, `${k.prefix}…`) },
      { title: 'Scopes', cell: (k) => k.scopes.map((s) => h('span', { class: 'badge' }, s)) },
      { title: 'Status', cell: (k) => (k.is_active ? 'active' : 'revoked') },
      { title: 'Created', cell: (k) => formatDate(k.created_at) },
      { title: 'Expires', cell: (k) => (k.expires_at ? formatDate(k.expires_at) : 'never') },
      { title: 'Last used', cell: (k) => formatDate(k.last_used_at) },
      {
        title: '', cell: (k) => (k.is_active ? confirmButton('Revoke', 'Really revoke?', async () => {
          try {
            await api('DELETE', `/llm/auth/api-keys/${k.id}`);
            status.ok(`Key ${k.name} revoked: it stops working everywhere within a second.`);
            await load();
          } catch (err) { status.error(err); }
        }, { 'aria-label': `Revoke ${k.name}` }) : ''),
      },
    ], page.data, 'No API keys yet.'));
  }

  async function create(event) {
    event.preventDefault();
    status.clear();
    const chosen = scopes.filter((s) => s.box.checked).map((s) => s.scope);
    if (!name.value.trim()) { status.error(new Error('Give the key a name.')); name.focus(); return; }
    if (!chosen.length) { status.error(new Error('Choose at least one scope.')); return; }
    const body = { name: name.value.trim(), scopes: chosen };
    if (expiry.value) body.expires_in_days = Number(expiry.value);
    try {
      const { data } = await api('POST', '/llm/auth/api-keys', body);
      name.value = '';
      // The key exists only in this element: it is not kept anywhere and is gone once the page changes.
      replace(revealed, h('div', { class: 'card reveal', role: 'status' },
        h('strong', {}, `Your new key "${data.name}". Copy it now: it is shown only this once.`),
        h('div', { class: 'row' }, h('code', { id: 'new-key', class: 'secret' }, data.key), copyButton(() => data.key)),
        h('button', { type: 'button', class: 'secondary', onclick: () => revealed.replaceChildren() }, 'Done')));
      await load();
    } catch (err) { status.error(err); }
  }

  replace(container,
    h('h1', {}, 'API keys'),
    h('p', { class: 'muted' }, 'Use a key with any OpenAI SDK: base URL ', h('code', {}, `${location.origin}/v1`), ', the key as the API key.'),
    h('form', { class: 'card inline-form', id: 'key-form', onsubmit: create, novalidate: true },
      h('label', { for: 'key-name' }, 'Name'), name,
      h('fieldset', {}, h('legend', {}, 'Scopes'),
        scopes.map((s) => h('label', { class: 'check' }, s.box, ` ${s.scope}`))),
      h('label', { for: 'key-expiry' }, 'Expires after'), expiry,
      h('button', { type: 'submit', id: 'create-key' }, 'Create key')),
    revealed, status.el, listArea);
  await load();
}
