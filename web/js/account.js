// account.js runs the Your account page (everyone): one's own password and
// API tokens (an admin's list holds everyone's). Its state is the store's
// `account` key:
//
//   {password: {error, ok, busy},         the password form's message
//    tokens, loading, error,              the tokens and why they could not load
//    tokenForm: {error, busy},            the new token form's message
//    secret: {name, token, copied},       the token just made: shown once
//    confirm: id, row: {id, error}}       the token asked about, a refusal
import { api } from './api.js';
import { store } from './app.js';
import { checkPassword } from './people.js';

const EMPTY = { password: null, tokens: [], loading: false, error: '', tokenForm: null, secret: null, confirm: null, row: null };

/** accountState returns the account page's state (initialised on first use). */
export function accountState() {
  return store.get().account || EMPTY;
}

function setAccount(patch) {
  store.set({ account: { ...accountState(), ...patch } }, 'account');
}

/** changeOwnPassword changes the signed-in user's password, given the current one. */
export async function changeOwnPassword(form) {
  const current = form.elements.current.value;
  const password = form.elements.password.value;
  let error = current ? checkPassword(password, form.elements.again.value) : 'Type your current password.';
  if (!error && password === current) error = 'The new password is the one you have.';
  if (error) {
    setAccount({ password: { error } });
    return;
  }
  const me = store.get().me;
  setAccount({ password: { busy: true } });
  try {
    await api.updateUser(me.name, { password, current_password: current });
    form.reset();
    setAccount({ password: { ok: 'Password changed. Your other sessions and API tokens were ended; this one stays.' } });
    loadTokens(); // they are gone
  } catch (err) {
    setAccount({ password: { error: err.message } });
  }
}

/**
 * loadTokens fetches the tokens this user may see. fresh (on coming to the
 * page) also drops old messages and the secret of a token made before.
 */
export async function loadTokens(fresh = false) {
  setAccount(fresh ? { loading: true, password: null, tokenForm: null, secret: null, confirm: null, row: null } : { loading: true });
  try {
    const tokens = await api.tokens();
    setAccount({ tokens: (tokens || []).sort((a, b) => (a.created < b.created ? 1 : -1)), loading: false, error: '' });
  } catch (err) {
    setAccount({ loading: false, error: err.message });
  }
}

/** createToken makes a token as the form says and shows its secret, once. */
export async function createToken(form) {
  const name = form.elements.name.value.trim();
  if (!name) {
    setAccount({ tokenForm: { error: 'Say what the token is for: you will see only this name later.' } });
    form.elements.name.focus();
    return;
  }
  setAccount({ tokenForm: { busy: true }, secret: null });
  try {
    const t = await api.createToken(name, form.elements.ttl.value);
    form.reset();
    setAccount({ tokenForm: null, secret: { name: t.name, token: t.token, copied: false } });
    await loadTokens();
  } catch (err) {
    setAccount({ tokenForm: { error: err.message } });
  }
}

/** copySecret copies the new token to the clipboard. */
export async function copySecret() {
  const sec = accountState().secret;
  if (!sec) return;
  let copied = true;
  try {
    await navigator.clipboard.writeText(sec.token);
  } catch {
    // No clipboard (plain http on another host): select the text instead,
    // for Ctrl+C.
    const code = document.querySelector('#token-secret code');
    if (code) window.getSelection().selectAllChildren(code);
    copied = 'select';
  }
  setAccount({ secret: { ...sec, copied } });
}

/** hideSecret forgets the new token's secret: it cannot be shown again. */
export function hideSecret() {
  setAccount({ secret: null });
}

/** askRevoke asks (or, for null, stops asking) whether to revoke a token. */
export function askRevoke(id) {
  setAccount({ confirm: id, row: null });
}

/** revokeToken revokes a token once asked. */
export async function revokeToken(id) {
  try {
    await api.revokeToken(id);
    setAccount({ confirm: null });
    await loadTokens();
  } catch (err) {
    setAccount({ row: { id, error: err.message } });
  }
}
