// Every element of the console is made here, with DOM calls: strings become text nodes, never markup.
// (The Content-Security-Policy's Trusted Types make the browser refuse innerHTML with a string anyway.)

const PROPERTIES = new Set(['value', 'checked', 'disabled', 'selected', 'readOnly', 'required', 'hidden']);

/** h('button', {class: 'x', onclick: fn}, 'text', childNode, [more]) */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  append(el, children);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (PROPERTIES.has(key)) el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces the children of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** A line that shows an error (the API envelope's message) or a confirmation; empty when cleared. */
export function statusLine() {
  const el = h('p', { class: 'status', role: 'status' });
  return {
    el,
    error(err) {
      el.className = 'status error';
      el.setAttribute('role', 'alert');
      el.textContent = describe(err);
    },
    ok(text) {
      el.className = 'status ok';
      el.setAttribute('role', 'status');
      el.textContent = text;
    },
    clear() {
      el.className = 'status';
      el.textContent = '';
    },
  };
}

export function describe(err) {
  if (err && err.name === 'ApiError') return err.message + (err.code ? ` (${err.code})` : '');
  if (err && err.name === 'TypeError') return 'The server could not be reached: ' + err.message;
  return (err && err.message) || String(err);
}

/** A button that asks once more before acting ("Delete" → "Really delete?"). No window.confirm dialogs. */
export function confirmButton(label, confirmLabel, action, props = {}) {
  let armed = false;
  let timer;
  const button = h('button', {
    type: 'button', class: 'danger ' + (props.class || ''), 'aria-label': props['aria-label'],
    onclick: async () => {
      if (!armed) {
        armed = true;
        button.textContent = confirmLabel;
        timer = setTimeout(() => { armed = false; button.textContent = label; }, 4000);
        return;
      }
      clearTimeout(timer);
      button.disabled = true;
      try { await action(); } finally { button.disabled = false; armed = false; button.textContent = label; }
    },
  }, label);
  return button;
}

export function copyButton(getText, label = 'Copy') {
  const button = h('button', {
    type: 'button', class: 'secondary',
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(getText());
        button.textContent = 'Copied';
      } catch {
        button.textContent = 'Select and copy by hand';
      }
      setTimeout(() => { button.textContent = label; }, 2000);
    },
  }, label);
  return button;
}

export function formatDate(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

/** A table from column descriptions {title, cell(row) → node|string}. */
export function table(columns, rows, empty = 'Nothing here yet.') {
  if (!rows.length) return h('p', { class: 'muted' }, empty);
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c.title)))),
    h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((c) => h('td', { 'data-label': c.title }, c.cell(row))))))));
}
