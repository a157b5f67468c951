// Settings (profile, memory, advanced), validated here as the API validates them, and the account
// (a guest can register, keeping its conversations).
import * as auth from '../api.js';
import { api } from '../api.js';
import { h, replace, statusLine } from '../dom.js';

const STYLES = ['Default', 'Friendly', 'Professional', 'Concise', 'Casual', 'Creative', 'Technical'];
const TEXTS = { nick_name: 50, occupation: 100, about: 2000, custom_instructions: 4000 };

/** The API's rules (docs/auth.md): a message per invalid field, keyed as the API's error.param. */
export function validate(s) {
  const errors = {};
  const p = s.profile_settings;
  if (!STYLES.includes(p.base_style)) errors['profile_settings.base_style'] = 'Choose one of the styles.';
  for (const [field, max] of Object.entries(TEXTS)) {
    if ((p[field] || '').length > max) errors[`profile_settings.${field}`] = `At most ${max} characters.`;
  }
  const m = s.memory_config;
  if (!(m.min_similarity >= 0 && m.min_similarity <= 1)) errors['memory_config.min_similarity'] = 'A number from 0 to 1.';
  if (!(Number.isInteger(m.max_items) && m.max_items >= 1 && m.max_items <= 100)) errors['memory_config.max_items'] = 'A whole number from 1 to 100.';
  return errors;
}

export async function settingsView(container, { user, setUser }) {
  const status = statusLine();
  const { data } = await api('GET', '/v1/users/me/settings');
  const fields = {};
  const hints = {};

  const field = (section, name, label, control) => {
    const key = `${section}.${name}`;
    control.id = `setting-${section}-${name}`;
    fields[key] = control;
    hints[key] = h('span', { class: 'hint', id: `${control.id}-hint` });
    control.setAttribute('aria-describedby', hints[key].id);
    return control.type === 'checkbox'
      ? h('label', { class: 'check' }, control, ` ${label}`, hints[key])
      : h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hints[key]);
  };
  const text = (section, name, label, max, multiline) => {
    const control = multiline ? h('textarea', { rows: 3, maxlength: max }) : h('input', { maxlength: max });
    control.value = data[section][name] ?? '';
    return field(section, name, `${label} (at most ${max} characters)`, control);
  };
  const check = (section, name, label) => field(section, name, label, h('input', { type: 'checkbox', checked: Boolean(data[section][name]) }));
  const number = (section, name, label, attrs) => {
    const control = h('input', { type: 'number', ...attrs });
    control.value = data[section][name];
    return field(section, name, label, control);
  };
  const style = h('select', {}, STYLES.map((s) => h('option', { value: s }, s)));
  style.value = data.profile_settings.base_style;

  function collect() {
    const v = (k) => fields[k];
    return {
      profile_settings: {
        base_style: v('profile_settings.base_style').value,
        ...Object.fromEntries(Object.keys(TEXTS).map((f) => [f, v(`profile_settings.${f}`).value])),
      },
      memory_config: {
        enabled: v('memory_config.enabled').checked,
        observe_enabled: v('memory_config.observe_enabled').checked,
        min_similarity: Number(v('memory_config.min_similarity').value),
        max_items: Number(v('memory_config.max_items').value),
      },
      advanced_settings: {
        web_search_enabled: v('advanced_settings.web_search_enabled').checked,
        code_execution_enabled: v('advanced_settings.code_execution_enabled').checked,
      },
    };
  }

  function mark(errors) {
    for (const [key, hint] of Object.entries(hints)) {
      hint.textContent = errors[key] || '';
      fields[key].setAttribute('aria-invalid', errors[key] ? 'true' : 'false');
    }
  }

  async function save(event) {
    event.preventDefault();
    status.clear();
    const settings = collect();
    const errors = validate(settings);
    mark(errors);
    if (Object.keys(errors).length) { status.error(new Error('Some values are not valid; see the fields marked.')); return; }
    try {
      await api('PATCH', '/v1/users/me/settings', settings);
      status.ok('Settings saved.');
    } catch (err) {
      if (err.param && hints[err.param]) mark({ [err.param]: err.message });
      status.error(err);
    }
  }

  const account = user.is_guest ? registerForm(setUser) : h('p', {}, `Signed in as ${user.email}.`);
  replace(container,
    h('h1', {}, 'Settings'),
    h('form', { class: 'card settings', id: 'settings-form', onsubmit: save, novalidate: true },
      h('fieldset', {}, h('legend', {}, 'Profile'),
        field('profile_settings', 'base_style', 'Style of the answers', style),
        text('profile_settings', 'nick_name', 'What should the assistant call you?', 50),
        text('profile_settings', 'occupation', 'Occupation', 100),
        text('profile_settings', 'about', 'About you', 2000, true),
        text('profile_settings', 'custom_instructions', 'Custom instructions', 4000, true)),
      h('fieldset', {}, h('legend', {}, 'Memory'),
        check('memory_config', 'enabled', 'Use memory'),
        check('memory_config', 'observe_enabled', 'Learn from conversations'),
        number('memory_config', 'min_similarity', 'Minimum similarity (0 to 1)', { step: '0.01' }),
        number('memory_config', 'max_items', 'Memories per answer (1 to 100)', { step: '1' })),
      h('fieldset', {}, h('legend', {}, 'Advanced'),
        check('advanced_settings', 'web_search_enabled', 'Web search'),
        check('advanced_settings', 'code_execution_enabled', 'Code execution')),
      h('button', { type: 'submit', id: 'save-settings' }, 'Save settings'),
      status.el),
    h('section', { class: 'card', id: 'account' }, h('h2', {}, 'Account'), account));
}

function registerForm(setUser) {
  const status = statusLine();
  const email = h('input', { type: 'email', id: 'register-email', autocomplete: 'username' });
  const password = h('input', { type: 'password', id: 'register-password', autocomplete: 'new-password', minlength: 8 });
  return h('form', {
    novalidate: true, onsubmit: async (event) => {
      event.preventDefault();
      status.clear();
      if (!email.value.trim() || password.value.length < 8) {
        status.error(new Error('Enter an e-mail address and a password of at least 8 characters.'));
        return;
      }
      try {
        await auth.register(email.value.trim(), password.value, true);
        setUser(await auth.me());
        location.hash = '#/chat';
      } catch (err) { status.error(err); }
    },
  },
  h('p', {}, 'You are a guest. Register to keep this account and its conversations.'),
  h('label', { for: 'register-email' }, 'E-mail'), email,
  h('label', { for: 'register-password' }, 'Password (at least 8 characters)'), password,
  h('button', { type: 'submit' }, 'Register'), status.el);
}
