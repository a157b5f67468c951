// The console's only way to the server: the public API on this origin. The access token lives in this
// module's memory only; the refresh token in sessionStorage (this tab, until it closes) so that a reload
// keeps the session. See docs/console.md for the trade-off.

const REFRESH_KEY = 'jansuite.refresh_token';
const EARLY_REFRESH_MS = 60_000;

let accessToken = null;
let accessExpiresAt = 0;
let refreshing = null;
let onSignedOut = () => {};

export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.message || `The server answered ${status}.`);
    this.name = 'ApiError';
    this.status = status;
    this.code = error.code || null;
    this.param = error.param || null;
    this.requestId = error.request_id || null;
  }
}

export function isAdmin(user) {
  return Boolean(user && Array.isArray(user.roles) && user.roles.includes('admin'));
}

export function whenSignedOut(callback) {
  onSignedOut = callback;
}

export function hasSession() {
  return accessToken !== null || sessionStorage.getItem(REFRESH_KEY) !== null;
}

function keep(tokens) {
  accessToken = tokens.access_token;
  accessExpiresAt = Date.now() + (tokens.expires_in || 900) * 1000;
  if (tokens.refresh_token) sessionStorage.setItem(REFRESH_KEY, tokens.refresh_token);
}

function forget() {
  accessToken = null;
  accessExpiresAt = 0;
  sessionStorage.removeItem(REFRESH_KEY);
}

/** One refresh at a time: a refresh token works once, and a second use would end the session. */
function refresh() {
  if (!refreshing) {
    refreshing = (async () => {
      const token = sessionStorage.getItem(REFRESH_KEY);
      if (!token) throw new ApiError(401, { error: { message: 'Please sign in.', code: 'signed_out' } });
      const response = await fetch('/llm/auth/refresh', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ refresh_token: token }),
      });
      const body = await parse(response);
      if (!response.ok) {
        forget();
        onSignedOut();
        throw new ApiError(response.status, body);
      }
      keep(body);
    })().finally(() => { refreshing = null; });
  }
  return refreshing;
}

async function parse(response) {
  if (response.status === 204) return null;
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { error: { message: `The server answered ${response.status} with a body that is not JSON.` } };
  }
}

async function authorization() {
  if (!accessToken || Date.now() > accessExpiresAt - EARLY_REFRESH_MS) await refresh();
  return `Bearer ${accessToken}`;
}

/** A fetch with credentials; on a 401 the tokens are refreshed once and the call repeated. */
export async function send(method, path, body, { signal, auth = true } = {}) {
  const attempt = async () => {
    const headers = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (auth) headers.Authorization = await authorization();
    return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  };
  let response = await attempt();
  if (response.status === 401 && auth) {
    accessToken = null;
    await refresh();
    response = await attempt();
  }
  return response;
}

/** The parsed JSON answer (null for 204); an ApiError carrying the envelope's message otherwise. */
export async function api(method, path, body, options) {
  const response = await send(method, path, body, options);
  const parsed = await parse(response);
  if (!response.ok) throw new ApiError(response.status, parsed);
  return parsed;
}

async function signIn(path, body, asGuest) {
  const headers = { 'Content-Type': 'application/json' };
  // Registering with a guest's token upgrades that guest in place (its conversations are kept).
  if (asGuest && accessToken) headers.Authorization = `Bearer ${accessToken}`;
  const response = await fetch(path, { method: 'POST', headers, body: body ? JSON.stringify(body) : undefined });
  const parsed = await parse(response);
  if (!response.ok) throw new ApiError(response.status, parsed);
  keep(parsed);
}

export const guestLogin = () => signIn('/llm/auth/guest-login', undefined, false);
export const login = (email, password) => signIn('/llm/auth/login', { email, password }, false);
export const register = (email, password, upgradeGuest) => signIn('/llm/auth/register', { email, password }, upgradeGuest);

export async function logout() {
  try {
    if (hasSession()) await api('POST', '/llm/auth/logout');
  } finally {
    forget();
  }
}

/** Resumes the tab's session (after a reload) or null when there is none. */
export async function me() {
  if (!hasSession()) return null;
  const body = await api('GET', '/llm/auth/me');
  return body.data;
}

/**
 * Streams a chat completion: onDelta(text) for each piece of the answer as it arrives. Resolves when the
 * stream ends ([DONE]); rejects with an ApiError for an error answer or an error event inside the stream,
 * and with an AbortError when the signal stops it.
 */
export async function streamChat(request, onDelta, signal) {
  const response = await send('POST', '/v1/chat/completions', { ...request, stream: true }, { signal });
  if (!response.ok) throw new ApiError(response.status, await parse(response));
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end).replace(/\r$/, '');
      buffer = buffer.slice(end + 1);
      if (!line.startsWith('data:')) continue;
      const data = line.slice(5).trim();
      if (data === '[DONE]') return;
      const chunk = JSON.parse(data);
      if (chunk.error) throw new ApiError(502, chunk);
      const delta = chunk.choices && chunk.choices[0] && chunk.choices[0].delta;
      if (delta && typeof delta.content === 'string' && delta.content) onDelta(delta.content);
    }
  }
  throw new ApiError(502, { error: { message: 'The answer stopped before it was complete.', code: 'stream_incomplete' } });
}
