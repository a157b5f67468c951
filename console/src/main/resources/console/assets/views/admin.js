// Administration (admins only; the API refuses everyone else anyway): providers, provider models,
// catalogs, MCP tools, the audit log and usage per model.
import { api } from '../api.js';
import { h, replace, statusLine, confirmButton, formatDate, table } from '../dom.js';

const TABS = {
  providers: { title: 'Providers', render: providersTab },
  models: { title: 'Models', render: modelsTab },
  catalogs: { title: 'Catalogs', render: catalogsTab },
  tools: { title: 'MCP tools', render: toolsTab },
  audit: { title: 'Audit log', render: auditTab },
  usage: { title: 'Usage', render: usageTab },
};

export async function adminView(container, { args }) {
  const current = TABS[args[0]] ? args[0] : 'providers';
  const body = h('div', { class: 'admin-body', id: `admin-${current}` });
  replace(container,
    h('h1', {}, 'Administration'),
    h('nav', { class: 'tabs', 'aria-label': 'Administration' }, Object.entries(TABS).map(([name, tab]) =>
      h('a', { href: `#/admin/${name}`, 'aria-current': name === current ? 'page' : null }, tab.title))),
    body);
  await TABS[current].render(body);
}

const providerName = (p) => (p && typeof p === 'object' ? p.name || p.id : p) || '—';
const csv = (text) => text.split(',').map((t) => t.trim()).filter(Boolean);
const checkbox = (checked, label, onchange) => h('input', { type: 'checkbox', checked, 'aria-label': label, onchange });

/** A reason field and enable/disable buttons acting on the rows ticked in a table. */
function bulkBar(label, selected, toggle) {
  const reason = h('input', { placeholder: 'Reason (kept in the audit log)', 'aria-label': 'Reason', class: 'reason' });
  const act = (enabled) => () => toggle([...selected], enabled, reason.value.trim() || undefined);
  return h('div', { class: 'bulk row' }, h('span', {}, label), reason,
    h('button', { type: 'button', onclick: act(true) }, 'Enable selected'),
    h('button', { type: 'button', class: 'secondary', onclick: act(false) }, 'Disable selected'));
}

async function providersTab(el) {
  const status = statusLine();
  const list = h('div');
  const name = h('input', { id: 'provider-name', required: true });
  const type = h('select', { id: 'provider-type' }, ['openai', 'anthropic', 'simulator'].map((t) => h('option', { value: t }, t)));
  const baseUrl = h('input', { id: 'provider-url', placeholder: 'https://api.openai.com/v1' });
  const key = h('input', { id: 'provider-key', type: 'password', autocomplete: 'off' });
  const enabled = h('input', { type: 'checkbox', id: 'provider-enabled', checked: true });

  async function load() {
    const { data } = await api('GET', '/v1/admin/providers');
    replace(list, table([
      { title: 'Name', cell: (p) => p.name },
      { title: 'Type', cell: (p) => p.type },
      { title: 'Base URL', cell: (p) => p.base_url || '—' },
      { title: 'Key', cell: (p) => (p.has_api_key ? 'stored' : 'none') },
      { title: 'Enabled', cell: (p) => checkbox(p.enabled, `Enable ${p.name}`, (e) => change(() => api('PATCH', `/v1/admin/providers/${p.id}`, { enabled: e.target.checked }), `${p.name} ${e.target.checked ? 'enabled' : 'disabled'}.`)) },
      {
        title: '', cell: (p) => h('span', { class: 'row' },
          h('button', { type: 'button', class: 'secondary', onclick: () => change(async () => {
            const { data: r } = await api('POST', `/v1/admin/providers/${p.id}/sync`);
            return `${p.name}: ${r.imported ?? 0} model(s) imported.`;
          }) }, 'Sync'),
          confirmButton('Delete', 'Really delete?', () => change(() => api('DELETE', `/v1/admin/providers/${p.id}`), `${p.name} deleted.`))),
      },
    ], data, 'No providers.'));
  }

  async function change(call, message) {
    status.clear();
    try {
      const result = await call();
      status.ok(typeof result === 'string' ? result : message);
    } catch (err) { status.error(err); }
    await load().catch((err) => status.error(err));
  }

  const form = h('form', {
    class: 'card inline-form', novalidate: true, onsubmit: (e) => {
      e.preventDefault();
      const body = { name: name.value.trim(), type: type.value, base_url: baseUrl.value.trim(), enabled: enabled.checked };
      if (key.value) body.api_key = key.value;
      change(async () => {
        await api('POST', '/v1/admin/providers', body);
        name.value = ''; baseUrl.value = ''; key.value = '';
        return `Provider ${body.name} added.`;
      });
    },
  }, h('h2', {}, 'Add a provider'),
  h('label', { for: 'provider-name' }, 'Name'), name,
  h('label', { for: 'provider-type' }, 'Type'), type,
  h('label', { for: 'provider-url' }, 'Base URL'), baseUrl,
  h('label', { for: 'provider-key' }, 'API key (stored encrypted, never shown again)'), key,
  h('label', { class: 'check' }, enabled, ' enabled'),
  h('button', { type: 'submit' }, 'Add provider'));

  replace(el, status.el, list, form);
  await load();
}

async function modelsTab(el) {
  const status = statusLine();
  const list = h('div');
  const selected = new Set();

  async function load() {
    const { data } = await api('GET', '/v1/admin/models/provider-models?limit=100');
    replace(list, table([
      { title: '', cell: (m) => checkbox(selected.has(m.id), `Select ${m.model_id}`, (e) => (e.target.checked ? selected.add(m.id) : selected.delete(m.id))) },
      { title: 'Model', cell: (m) => h('span', {}, m.model_id, h('br'), h('small', { class: 'muted' }, m.id)) },
      { title: 'Provider', cell: (m) => providerName(m.provider) },
      { title: 'Enabled', cell: (m) => checkbox(m.enabled, `Enable ${m.model_id}`, (e) => save(m, { enabled: e.target.checked })) },
      { title: 'Capabilities', cell: (m) => (m.capabilities || []).map((c) => h('span', { class: 'badge' }, c)) },
      { title: 'Settings', cell: (m) => modelSettings(m) },
    ], data, 'No provider models.'));
  }

  function modelSettings(m) {
    const temperature = h('input', { type: 'number', step: '0.1', min: 0, max: 2, 'aria-label': `Default temperature of ${m.model_id}`, class: 'narrow' });
    temperature.value = m.default_temperature ?? '';
    const rpm = h('input', { type: 'number', min: 1, step: 1, 'aria-label': `Requests per minute of ${m.model_id}`, class: 'narrow' });
    rpm.value = (m.rate_limit && m.rate_limit.requests_per_minute) ?? '';
    const tags = h('input', { 'aria-label': `Tags of ${m.model_id}`, placeholder: 'tags, comma separated' });
    tags.value = (m.tags || []).join(', ');
    return h('span', { class: 'row' },
      h('label', {}, 'temp ', temperature), h('label', {}, 'rpm ', rpm), tags,
      h('button', {
        type: 'button', class: 'secondary', onclick: () => {
          const patch = { tags: csv(tags.value) };
          if (temperature.value !== '') patch.default_temperature = Number(temperature.value);
          if (rpm.value !== '') patch.rate_limit = { requests_per_minute: Number(rpm.value) };
          save(m, patch);
        },
      }, 'Save'));
  }

  async function save(m, patch) {
    status.clear();
    try {
      await api('PATCH', `/v1/admin/models/provider-models/${m.id}`, patch);
      status.ok(`${m.model_id} saved.`);
    } catch (err) { status.error(err); }
    await load().catch((err) => status.error(err));
  }

  replace(el, status.el, bulkBar('Ticked models:', selected, async (ids, enabled, reason) => {
    status.clear();
    if (!ids.length) { status.error(new Error('Tick at least one model.')); return; }
    try {
      const { data } = await api('POST', '/v1/admin/models/provider-models/bulk-toggle', { model_ids: ids, enabled, reason });
      status.ok(`${data.count} model(s) ${enabled ? 'enabled' : 'disabled'}.`);
      selected.clear();
    } catch (err) { status.error(err); }
    await load().catch((err) => status.error(err));
  }), list);
  await load();
}

async function catalogsTab(el) {
  const status = statusLine();
  const list = h('div');
  const selected = new Set();

  async function load() {
    const { data } = await api('GET', '/v1/admin/models/catalogs');
    replace(list, table([
      { title: '', cell: (c) => checkbox(selected.has(c.public_id), `Select ${c.public_id}`, (e) => (e.target.checked ? selected.add(c.public_id) : selected.delete(c.public_id))) },
      { title: 'Public id', cell: (c) => c.public_id },
      { title: 'Enabled', cell: (c) => (c.enabled ? 'yes' : 'no') },
      { title: 'Servable', cell: (c) => (c.servable === false ? 'no: no enabled provider model' : 'yes') },
      { title: 'Capabilities', cell: (c) => (c.capabilities || []).map((x) => h('span', { class: 'badge' }, x)) },
      { title: 'Served by', cell: (c) => (c.models || []).map((m) => (typeof m === 'string' ? m : m.model_id || m.id)).join(' → ') },
      { title: 'Requests', cell: (c) => String(c.total_requests ?? 0) },
    ], data, 'No catalog entries.'));
  }

  replace(el, status.el, bulkBar('Ticked catalog entries:', selected, async (ids, enabled, reason) => {
    status.clear();
    if (!ids.length) { status.error(new Error('Tick at least one catalog entry.')); return; }
    try {
      const { data } = await api('POST', '/v1/admin/models/catalogs/bulk-toggle', { catalog_ids: ids, enabled, reason });
      status.ok(`${data.count} catalog entr${data.count === 1 ? 'y' : 'ies'} ${enabled ? 'enabled' : 'disabled'}.`);
      selected.clear();
    } catch (err) { status.error(err); }
    await load().catch((err) => status.error(err));
  }), list);
  await load();
}

async function toolsTab(el) {
  const status = statusLine();
  const list = h('div');

  async function patch(tool, body, message) {
    status.clear();
    try {
      await api('PATCH', `/v1/admin/mcp-tools/${encodeURIComponent(tool.id)}`, body);
      status.ok(message);
    } catch (err) { status.error(err); }
    await load().catch((err) => status.error(err));
  }

  async function load() {
    const { data } = await api('GET', '/v1/admin/mcp-tools');
    replace(list, table([
      { title: 'Tool', cell: (t) => h('span', {}, h('strong', {}, t.name), h('br'), h('small', { class: 'muted' }, t.description || '')) },
      { title: 'Enabled', cell: (t) => checkbox(t.enabled, `Enable ${t.name}`, (e) => patch(t, { enabled: e.target.checked }, `${t.name} ${e.target.checked ? 'enabled' : 'disabled'}.`)) },
      {
        title: 'Disallowed keywords', cell: (t) => {
          const words = h('input', { 'aria-label': `Disallowed keywords of ${t.name}`, placeholder: 'comma separated' });
          words.value = ((t.content_filter && t.content_filter.disallowed_keywords) || []).join(', ');
          return h('span', { class: 'row' }, words, h('button', {
            type: 'button', class: 'secondary',
            onclick: () => patch(t, { content_filter: { disallowed_keywords: csv(words.value) } }, `${t.name}'s filter saved.`),
          }, 'Save'));
        },
      },
    ], data, 'No MCP tools.'));
  }

  replace(el, status.el, list);
  await load();
}

async function auditTab(el) {
  const status = statusLine();
  const list = h('div');
  const action = h('input', { 'aria-label': 'Action', placeholder: 'action, e.g. provider_model.update' });
  const pager = h('div', { class: 'row' });
  const limit = 20;
  let offset = 0;

  const json = (v) => h('pre', { class: 'json' }, v == null ? '—' : JSON.stringify(v, null, 2));

  async function load() {
    const query = new URLSearchParams({ limit, offset });
    if (action.value.trim()) query.set('action', action.value.trim());
    try {
      const page = await api('GET', `/v1/admin/audit-log?${query}`);
      replace(list, table([
        { title: 'When', cell: (e) => formatDate(e.created_at) },
        { title: 'Action', cell: (e) => h('code', {}, e.action) },
        { title: 'Who', cell: (e) => e.actor_user_id || e.actor_key_id || '—' },
        { title: 'What', cell: (e) => `${e.target_type || ''} ${(e.target_ids || []).join(', ')}` },
        { title: 'Reason', cell: (e) => e.reason || '—' },
        { title: 'Before → after', cell: (e) => h('details', {}, h('summary', {}, 'show'), h('div', { class: 'diff' }, json(e.before), json(e.after))) },
      ], page.data, 'No entries.'));
      replace(pager,
        h('button', { type: 'button', class: 'secondary', disabled: offset === 0, onclick: () => { offset = Math.max(0, offset - limit); load(); } }, 'Newer'),
        h('span', { class: 'muted' }, `${page.total === 0 ? 0 : offset + 1}–${offset + page.data.length} of ${page.total}`),
        h('button', { type: 'button', class: 'secondary', disabled: !page.has_more, onclick: () => { offset += limit; load(); } }, 'Older'));
    } catch (err) { status.error(err); }
  }

  replace(el, h('form', { class: 'row', onsubmit: (e) => { e.preventDefault(); offset = 0; load(); } }, action, h('button', { type: 'submit' }, 'Filter')),
    status.el, list, pager);
  await load();
}

async function usageTab(el) {
  const { data } = await api('GET', '/v1/admin/models/catalogs');
  const rows = [...data].sort((a, b) => (b.total_requests || 0) - (a.total_requests || 0));
  const max = Math.max(1, ...rows.map((r) => r.total_requests || 0));
  replace(el, h('p', { class: 'muted' }, 'Completions served per public model since the usage records began.'),
    table([
      { title: 'Model', cell: (c) => c.public_id },
      { title: 'Requests', cell: (c) => String(c.total_requests || 0) },
      { title: '', cell: (c) => h('progress', { max, value: c.total_requests || 0, 'aria-label': `${c.public_id} share` }) },
    ], rows, 'No models.'));
}
