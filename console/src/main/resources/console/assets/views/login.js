// Signing in: as a guest, or with e-mail and password (sign in or register).
import * as api from '../api.js';
import { h, statusLine } from '../dom.js';

export function loginView({ onSignedIn }) {
  const status = statusLine();
  const email = h('input', { type: 'email', id: 'login-email', name: 'email', autocomplete: 'username', required: true, maxlength: 254 });
  const password = h('input', { type: 'password', id: 'login-password', name: 'password', autocomplete: 'current-password', required: true, minlength: 8, maxlength: 1024 });

  const act = (action) => async (event) => {
    event.preventDefault();
    status.clear();
    try {
      await action();
      await onSignedIn();
    } catch (err) {
      status.error(err);
    }
  };
  const credentials = () => {
    if (!email.value.trim() || password.value.length < 8) {
      throw new Error('Enter an e-mail address and a password of at least 8 characters.');
    }
    return [email.value.trim(), password.value];
  };

  const form = h('form', { class: 'card login', novalidate: true, onsubmit: act(() => api.login(...credentials())) },
    h('h1', {}, 'Jan Suite'),
    h('p', { class: 'muted' }, 'Chat with the models of this server, manage your API keys and settings.'),
    h('button', { type: 'button', id: 'guest-login', onclick: act(() => api.guestLogin()) }, 'Continue as guest'),
    h('div', { class: 'divider' }, 'or'),
    h('label', { for: 'login-email' }, 'E-mail'), email,
    h('label', { for: 'login-password' }, 'Password'), password,
    h('div', { class: 'row' },
      h('button', { type: 'submit', id: 'login-submit' }, 'Sign in'),
      h('button', { type: 'button', class: 'secondary', id: 'register-submit', onclick: act(() => api.register(...credentials(), false)) }, 'Register')),
    status.el);
  return h('div', { class: 'login-page' }, form);
}
