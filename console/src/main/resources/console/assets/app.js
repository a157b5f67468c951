// The console's shell: who is signed in, the navigation, and which view the location's hash names.
import * as api from './api.js';
import { isAdmin } from './api.js';
import { h, replace, describe } from './dom.js';
import { loginView } from './views/login.js';
import { chatView } from './views/chat.js';
import { keysView } from './views/keys.js';
import { settingsView } from './views/settings.js';
import { adminView } from './views/admin.js';

const root = document.getElementById('app');
const state = { user: null };

const VIEWS = {
  chat: { title: 'Chat', render: chatView },
  keys: { title: 'API keys', render: keysView },
  settings: { title: 'Settings', render: settingsView },
  admin: { title: 'Admin', render: adminView, admin: true },
};

function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  return { name: parts[0] || 'chat', args: parts.slice(1) };
}

export function navigate(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

async function signedIn() {
  state.user = await api.me();
  navigate(location.hash && location.hash !== '#/login' ? location.hash : '#/chat');
}

function shell(current, content) {
  const user = state.user;
  const links = Object.entries(VIEWS)
    .filter(([, view]) => !view.admin || isAdmin(user))
    .map(([name, view]) => h('a', { href: `#/${name}`, 'aria-current': name === current ? 'page' : null }, view.title));
  const who = user.is_guest ? 'Guest' : user.email;
  return h('div', { class: 'shell' },
    h('header', { class: 'topbar' },
      h('a', { class: 'brand', href: '#/chat' }, 'Jan Suite'),
      h('nav', { 'aria-label': 'Main' }, links),
      h('div', { class: 'account' },
        h('span', { class: 'who', title: user.id }, who),
        h('button', {
          type: 'button', class: 'secondary', onclick: async () => {
            try { await api.logout(); } catch { /* the session is forgotten here either way */ }
            state.user = null;
            navigate('#/login');
          },
        }, 'Sign out'))),
    h('main', { id: 'main' }, content));
}

async function render() {
  const { name, args } = route();
  if (!state.user || name === 'login') {
    if (state.user) { navigate('#/chat'); return; }
    replace(root, loginView({ onSignedIn: signedIn }));
    return;
  }
  const view = VIEWS[name];
  if (!view || (view.admin && !isAdmin(state.user))) { navigate('#/chat'); return; }
  document.title = `${view.title} · Jan Suite`;
  const content = h('div', { class: 'view' });
  replace(root, shell(name, content));
  try {
    await view.render(content, { user: state.user, args, setUser: (u) => { state.user = u; } });
  } catch (err) {
    replace(content, h('p', { class: 'status error', role: 'alert' }, describe(err)));
  }
}

function fatal(err) {
  const banner = document.getElementById('fatal') || document.body.appendChild(h('p', { id: 'fatal', class: 'status error', role: 'alert' }));
  banner.textContent = describe(err);
}

window.addEventListener('hashchange', render);
window.addEventListener('unhandledrejection', (e) => fatal(e.reason));
window.addEventListener('error', (e) => fatal(e.error || e.message));
api.whenSignedOut(() => { state.user = null; navigate('#/login'); });

(async () => {
  try {
    state.user = await api.me();
  } catch {
    state.user = null;
  }
  render();
})();
