// users.js runs the Users page (admins): the list of users with their
// projects, adding one, changing a role, disabling, resetting a password
// and deleting. Its state is the store's `users` key:
//
//   {list, loading, error,            the users and why they could not load
//    form: {error, ok},               the Add a user form's message
//    reset: name, confirm: name,      the row whose password form / delete question is open
//    row: {name, error}, busy: name}  a row's refusal, the row being changed
import { api } from './api.js';
import { store } from './app.js';
import { checkPassword, sortUsers } from './people.js';
import { refreshProjects } from './projects.js';

const EMPTY = { list: [], loading: false, error: '', form: null, reset: null, confirm: null, row: null, busy: null };

/** usersState returns the Users page's state (initialised on first use). */
export function usersState() {
  return store.get().users || EMPTY;
}

function setUsers(patch) {
  store.set({ users: { ...usersState(), ...patch } }, 'users');
}

/**
 * loadUsers fetches the users (admins only; others see why not). fresh
 * (on coming to the page) also closes forms and drops old messages.
 */
export async function loadUsers(fresh = false) {
  setUsers(fresh ? { loading: true, form: null, reset: null, confirm: null, row: null } : { loading: true });
  try {
    const list = await api.users();
    setUsers({ list: sortUsers(list || [], (store.get().me || {}).name), loading: false, error: '' });
  } catch (err) {
    setUsers({ loading: false, error: err.message });
  }
}

/** addUser creates the user the Add a user form describes. */
export async function addUser(form) {
  const name = form.elements.name.value.trim();
  const password = form.elements.password.value;
  const role = form.elements.role.value;
  const error = name ? checkPassword(password) : 'Give the user a name.';
  if (error) {
    setUsers({ form: { error } });
    (name ? form.elements.password : form.elements.name).focus();
    return;
  }
  setUsers({ form: { busy: true } });
  try {
    await api.createUser({ name, password, role });
    form.reset();
    setUsers({ form: { ok: `${name} can log in now. Add them to a project with Members (in the top bar) so they have something to work on.` } });
    await loadUsers();
  } catch (err) {
    setUsers({ form: { error: err.message } });
  }
}

// change sends one PATCH for a row and shows its result (or refusal) there.
async function change(name, patch, after = {}) {
  setUsers({ busy: name, row: null });
  try {
    await api.updateUser(name, patch);
    setUsers({ busy: null, ...after });
    await loadUsers();
  } catch (err) {
    setUsers({ busy: null, row: { name, error: err.message } });
    await loadUsers(); // the select shows what the server holds again
  }
}

/** setRole makes a user an admin or a plain user. */
export function setRole(name, role) {
  return change(name, { role });
}

/** setDisabled disables (ending their sessions, tokens and sockets) or enables a user. */
export function setDisabled(name, disabled) {
  return change(name, { disabled });
}

/** openReset opens (or, for null, closes) a row's new password form. */
export function openReset(name) {
  setUsers({ reset: name, confirm: null, row: null });
}

/** resetPassword sets the password typed in a row's form (admins, for someone else). */
export async function resetPassword(form) {
  const name = form.dataset.name;
  const password = form.elements.password.value;
  const error = checkPassword(password);
  if (error) {
    setUsers({ row: { name, error } });
    return;
  }
  await change(name, { password }, { reset: null, row: { name, ok: `New password set; ${name}'s sessions and tokens ended.` } });
}

/** askDelete asks (or, for null, stops asking) whether to delete a user. */
export function askDelete(name) {
  setUsers({ confirm: name, reset: null, row: null });
}

/** deleteUser deletes a user once asked; their annotations keep their name. */
export async function deleteUser(name) {
  setUsers({ busy: name, row: null });
  try {
    await api.deleteUser(name);
    setUsers({ busy: null, confirm: null });
    await loadUsers();
    refreshProjects(); // they left every project's member list
  } catch (err) {
    setUsers({ busy: null, row: { name, error: err.message } });
  }
}
