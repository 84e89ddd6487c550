// actions-people.js says what the data-actions of the Users page, Your
// account and the Members dialog do; actions.js spreads these tables into
// its own. submits are the forms' (a form's data-action names it).
import { addUser, setRole, setDisabled, openReset, resetPassword, askDelete, deleteUser } from './users.js';
import { changeOwnPassword, createToken, copySecret, hideSecret, askRevoke, revokeToken } from './account.js';
import { openMembers, closeMembers, setMemberRole, removeMember, addMember, setEditAll, saveMembers } from './members.js';

export const clicks = {
  'user-reset': (el) => openReset(el.getAttribute('aria-expanded') === 'true' ? null : el.dataset.name),
  'user-reset-cancel': () => openReset(null),
  'user-disable': (el) => setDisabled(el.dataset.name, el.dataset.disabled === 'true'),
  'user-delete': (el) => askDelete(el.dataset.name),
  'user-delete-yes': (el) => deleteUser(el.dataset.name),
  'user-delete-no': () => askDelete(null),
  'token-copy': () => copySecret(),
  'token-hide': () => hideSecret(),
  'token-revoke': (el) => askRevoke(el.dataset.id),
  'token-revoke-yes': (el) => revokeToken(el.dataset.id),
  'token-revoke-no': () => askRevoke(null),
  members: () => openMembers(),
  'close-members': () => closeMembers(),
  'member-remove': (el) => removeMember(el.dataset.name),
  'members-save': () => saveMembers(),
};

export const changes = {
  'user-role': (el) => setRole(el.dataset.name, el.value),
  'member-role': (el) => setMemberRole(el.dataset.name, el.value),
  'members-edit-all': (el) => setEditAll(el.checked),
};

export const submits = {
  'add-user': (el) => addUser(el),
  'user-password': (el) => resetPassword(el),
  'own-password': (el) => changeOwnPassword(el),
  'new-token': (el) => createToken(el),
  'add-member': (el) => addMember(el),
};
