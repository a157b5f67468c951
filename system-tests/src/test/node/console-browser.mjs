// The web console in a real headless Chromium (Debian's chromium, driven by playwright-core), against the
// running suite: node console-browser.mjs <base-url>. Env: CHROMIUM (the browser binary), ADMIN_EMAIL,
// ADMIN_PASSWORD, SCREENSHOTS (directory for the screenshots of the main pages at 375 px and desktop width).
// Prints "ok - <scenario>" or "not ok - <scenario>: <why>" per scenario; exits 1 when any failed.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import assert from 'node:assert/strict';

const BASE = process.argv[2] || 'http://localhost:8000';
const SHOTS = process.env.SCREENSHOTS || 'target/console-screenshots';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const WIDTHS = { narrow: { width: 375, height: 812 }, desktop: { width: 1280, height: 820 } };
const DISABLED_MODEL = 'claude-3-5-sonnet-20241022';

mkdirSync(SHOTS, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || 'chromium', headless: true, args: FLAGS });

/** A fresh browser profile (its own sessionStorage) whose page fails the scenario on any script error. */
async function freshPage() {
  const context = await browser.newContext({ viewport: WIDTHS.desktop });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.errors = [];
  page.dialogs = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('dialog', (d) => { page.dialogs.push(d.message()); d.dismiss(); });
  return page;
}

async function shoot(page, name) {
  for (const [label, size] of Object.entries(WIDTHS)) {
    await page.setViewportSize(size);
    await page.waitForTimeout(100);
    await page.screenshot({ path: `${SHOTS}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize(WIDTHS.desktop);
}

async function asGuest(page) {
  await page.goto(`${BASE}/`);
  await page.click('#guest-login');
  await page.waitForSelector('#composer');
  await page.waitForFunction(() => document.querySelector('#model-picker').options.length > 0);
}

/** Sends text with the keyboard and waits until the answer is complete (the composer is usable again). */
async function send(page, text) {
  const before = await page.locator('#messages .msg').count();
  await page.fill('#composer', text);
  await page.press('#composer', 'Enter');
  await page.waitForFunction((n) => document.querySelectorAll('#messages .msg[data-id]:not([data-id=""])').length >= n + 2
    && !document.querySelector('#composer').disabled, before);
}

const scenarios = {
  async 'a guest opens /, sends a message with Enter and sees the answer streamed'() {
    const page = await freshPage();
    const response = await page.goto(`${BASE}/`);
    assert.match(response.headers()['content-security-policy'], /script-src 'self'/);
    await page.waitForSelector('#guest-login');
    await shoot(page, 'sign-in');
    await page.click('#guest-login');
    await page.waitForSelector('#composer');
    await page.waitForFunction(() => document.querySelector('#model-picker').options.length > 0);
    assert.equal(await page.locator('nav a[href="#/admin"]').count(), 0, 'a guest sees no Admin link');

    // Shift+Enter is a new line, not a send
    await page.click('#composer');
    await page.keyboard.type('first line');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('second line');
    assert.equal(await page.inputValue('#composer'), 'first line\nsecond line');
    assert.equal(await page.locator('#messages .msg').count(), 0, 'nothing sent yet');

    // every text the answer shows on its way, recorded in the page as it changes
    await page.evaluate(() => {
      window.answerStates = [];
      new MutationObserver(() => {
        const body = document.querySelector('#messages .msg.assistant:last-child .msg-body.streaming');
        if (body && window.answerStates.at(-1) !== body.textContent) window.answerStates.push(body.textContent);
      }).observe(document.querySelector('#messages'), { subtree: true, childList: true, characterData: true });
    });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('#messages .msg[data-id]:not([data-id=""])').length === 2);
    const states = await page.evaluate(() => window.answerStates);
    const answer = await page.locator('#messages .msg.assistant .msg-body').textContent();
    // the simulator answers word by word, so the line break comes back as a space
    assert.equal(answer.replace(/\s+/g, ' '), 'Simulated reply to: first line second line');
    assert.ok(states.length >= 3, `the answer grew in pieces: ${JSON.stringify(states)}`);
    for (let i = 1; i < states.length; i++) assert.ok(states[i].startsWith(states[i - 1]), 'each piece extends the last');
    assert.equal(await page.locator('#messages .msg.user .msg-body').textContent(), 'first line\nsecond line');
    assert.match(page.url(), /#\/chat\/conv_/);
    await page.waitForSelector('#conversation-list li a');
    await shoot(page, 'chat');

    // a reload resumes the session (refresh token from this tab's sessionStorage) and the conversation
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('#messages .msg').length === 2);
    assert.equal(await page.locator('#messages .msg.assistant .msg-body').textContent(), answer);
    assert.deepEqual(page.errors, []);
  },

  async 'a conversation is renamed, edited, regenerated, shared, revoked and deleted'() {
    const page = await freshPage();
    await asGuest(page);
    await send(page, 'hello');
    const entry = page.locator('#conversation-list li').first();
    await entry.hover();
    await entry.locator('button:has-text("Rename")').click();
    await entry.locator('input').fill('Renamed chat');
    await entry.locator('input').press('Enter');
    await page.waitForSelector('#conversation-list a:has-text("Renamed chat")');
    assert.equal(await page.locator('#conversation-title').textContent(), 'Renamed chat');

    await page.locator('#messages .msg.user button:has-text("Edit")').click();
    await page.fill('#messages .msg.user textarea', 'hello edited');
    await page.locator('#messages .msg.user button:has-text("Save")').click();
    await page.waitForSelector('#messages .msg.user .msg-body:text-is("hello edited")');
    await page.locator('#messages .msg.assistant button:has-text("Regenerate")').click();
    await page.waitForFunction(() => document.querySelectorAll('#messages .msg.assistant').length === 2);
    assert.equal(await page.locator('#messages .msg.assistant .msg-body').last().textContent(), 'Simulated reply to: hello edited');

    await page.click('#share');
    const link = await page.inputValue('#share-link');
    const shared = await fetch(link);
    assert.equal(shared.status, 200, `the share link works without credentials: ${link}`);
    assert.equal((await shared.json()).data.title, 'Renamed chat');
    await shoot(page, 'chat-shared');
    const revoke = page.locator('#share-panel button:has-text("Revoke")');
    await revoke.click();
    await revoke.click();
    await page.waitForSelector('.status.ok:has-text("no longer works")');
    assert.equal((await fetch(link)).status, 410, 'a revoked share is gone');

    await entry.hover();
    const remove = entry.locator('button:has-text("Delete")');
    await remove.click();
    await entry.locator('button:has-text("Really?")').click();
    await page.waitForFunction(() => document.querySelectorAll('#conversation-list li').length === 0);
    assert.equal(await page.locator('#conversation-title').textContent(), 'New chat');
    assert.deepEqual(page.errors, []);
  },

  async 'Stop ends an answer while it streams'() {
    const admin = await adminHeaders();
    const providers = (await (await fetch(`${BASE}/v1/admin/providers`, { headers: admin })).json()).data;
    const simulator = providers.find((p) => p.type === 'simulator');
    const before = simulator.settings || {};
    const pace = (tpot) => fetch(`${BASE}/v1/admin/providers/${simulator.id}`, {
      method: 'PATCH', headers: admin, body: JSON.stringify({ settings: { tpot_ms: tpot } }),
    });
    try {
      assert.equal((await pace(150)).status, 200, 'the simulator slowed down to one word per 150 ms');
      const page = await freshPage();
      await asGuest(page);
      const words = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen';
      await page.fill('#composer', words);
      await page.press('#composer', 'Enter');
      await page.waitForSelector('#stop:not([hidden])');
      await page.waitForFunction(() => document.querySelector('#messages .msg.assistant .msg-body')?.textContent.length > 0);
      await page.click('#stop');
      await page.waitForSelector('#messages .msg.assistant .msg-body em:has-text("(stopped)")');
      const shown = await page.locator('#messages .msg.assistant .msg-body').textContent();
      assert.ok(shown.length < `Simulated reply to: ${words} (stopped)`.length, `cut short: ${shown}`);
      await page.waitForSelector('#stop', { state: 'hidden' });
      assert.equal(await page.isEnabled('#composer'), true, 'the composer is usable again');
      assert.deepEqual(page.errors, []);
    } finally {
      await pace(before.tpot_ms ?? 5);
    }
  },

  async 'a message with HTML is shown as text and runs nothing'() {
    const page = await freshPage();
    await asGuest(page);
    const attack = '<img src=x onerror=alert(1)>';
    await send(page, attack);
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('#messages .msg').length === 2);
    assert.equal(await page.locator('#messages .msg.user .msg-body').textContent(), attack);
    assert.equal(await page.locator('#messages .msg.assistant .msg-body').textContent(), `Simulated reply to: ${attack}`);
    assert.equal(await page.locator('#messages img').count(), 0, 'no <img> element was made');
    await page.waitForTimeout(500);
    assert.deepEqual(page.dialogs, [], 'no dialog fired');
    // even a script that tried would be refused: Trusted Types make HTML string sinks throw
    const blocked = await page.evaluate(() => {
      try { document.body.insertAdjacentHTML('beforeend', '<b>x</b>'); return false; } catch (e) { return e.name; }
    });
    assert.equal(blocked, 'TypeError');
  },

  async 'a new API key is shown once, works, and is listed only by its prefix'() {
    const page = await freshPage();
    await asGuest(page);
    await page.click('nav a[href="#/keys"]');
    await page.fill('#key-name', 'browser key');
    await page.click('#create-key');
    const key = (await page.locator('#new-key').textContent()).trim();
    assert.match(key, /^sk_[A-Za-z0-9]{40,}$/);
    await page.waitForSelector('#key-list td:has-text("browser key")');
    await shoot(page, 'api-keys-created');
    const models = await fetch(`${BASE}/v1/models`, { headers: { Authorization: `Bearer ${key}` } });
    assert.equal(models.status, 200, 'the key works');
    await page.reload();
    await page.waitForSelector('#key-list td:has-text("browser key")');
    assert.equal(await page.locator('#new-key').count(), 0);
    const text = await page.locator('body').textContent();
    assert.ok(!text.includes(key), 'the key is not shown again');
    assert.ok(text.includes(key.slice(0, 9)), 'its prefix is listed');
    await shoot(page, 'api-keys');
    await page.click('nav a[href="#/settings"]');
    await page.waitForSelector('#settings-form');
    await page.fill('#setting-memory_config-max_items', '500');
    await page.click('#save-settings');
    await page.waitForSelector('#setting-memory_config-max_items[aria-invalid="true"]');
    await shoot(page, 'settings');
    assert.deepEqual(page.errors, []);
  },

  async 'a wrong password shows the API error message'() {
    const page = await freshPage();
    await page.goto(`${BASE}/`);
    await page.fill('#login-email', `nobody-${Date.now()}@example.com`);
    await page.fill('#login-password', 'not-the-password');
    await page.click('#login-submit');
    const status = page.locator('.login .status.error');
    await status.waitFor();
    assert.match(await status.textContent(), /\(invalid_credentials\)$/);
    assert.ok((await status.textContent()).length > '(invalid_credentials)'.length + 5, 'the message is in words');
  },

  async 'an admin disables a model and the chat no longer offers it'() {
    const page = await freshPage();
    const modelIds = async () => page.$$eval('#model-picker option', (os) => os.map((o) => o.value));
    try {
      await page.goto(`${BASE}/`);
      await page.fill('#login-email', process.env.ADMIN_EMAIL);
      await page.fill('#login-password', process.env.ADMIN_PASSWORD);
      await page.click('#login-submit');
      await page.waitForFunction(() => document.querySelector('#model-picker')?.options.length > 0);
      assert.ok((await modelIds()).includes(DISABLED_MODEL), 'offered at first');
      await page.click('nav a[href="#/admin"]');
      await page.waitForSelector('#admin-providers table');
      await shoot(page, 'admin-providers');
      await page.click('.tabs a[href="#/admin/models"]');
      await page.uncheck(`input[aria-label="Enable ${DISABLED_MODEL}"]`);
      await page.waitForSelector(`.status.ok:has-text("${DISABLED_MODEL} saved.")`);
      assert.equal(await page.isChecked(`input[aria-label="Enable ${DISABLED_MODEL}"]`), false);
      await shoot(page, 'admin-models');
      for (const tab of ['catalogs', 'tools', 'audit', 'usage']) {
        await page.click(`.tabs a[href="#/admin/${tab}"]`);
        await page.waitForSelector(`#admin-${tab} table`);
        if (tab === 'audit') {
          assert.ok(await page.locator('#admin-audit td:has-text("provider_model.update")').count() >= 1, 'the change is in the audit log');
        }
        await shoot(page, `admin-${tab}`);
      }
      await page.click('nav a[href="#/chat"]');
      await page.waitForFunction(() => document.querySelector('#model-picker')?.options.length > 0);
      const offered = await modelIds();
      assert.ok(!offered.includes(DISABLED_MODEL), `no longer offered: ${offered}`);
      assert.ok(offered.length > 0, 'the other models still are');
      assert.deepEqual(page.errors, []);
    } finally {
      await enableAgain();
    }
  },
};

async function adminHeaders() {
  const login = await fetch(`${BASE}/llm/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: process.env.ADMIN_EMAIL, password: process.env.ADMIN_PASSWORD }),
  });
  const { access_token: token } = await login.json();
  return { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
}

/** Leaves the suite as found for the other system tests, whatever happened above. */
async function enableAgain() {
  const auth = await adminHeaders();
  const list = await (await fetch(`${BASE}/v1/admin/models/provider-models?limit=100`, { headers: auth })).json();
  for (const m of list.data.filter((x) => x.model_id === DISABLED_MODEL && !x.enabled)) {
    await fetch(`${BASE}/v1/admin/models/provider-models/${m.id}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ enabled: true }) });
  }
}

let failed = 0;
for (const [name, run] of Object.entries(scenarios)) {
  try {
    await run();
    console.log(`ok - ${name}`);
  } catch (err) {
    failed++;
    console.log(`not ok - ${name}: ${err.stack || err}`);
  }
}
await browser.close();
console.log(`screenshots in ${SHOTS}`);
process.exit(failed ? 1 : 0);
