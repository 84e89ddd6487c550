// render-users.js draws the Users page (Renderer's usersPage, see
// render.js): the Add a user form's message and the table of users, each
// row with its role, projects, state and actions, and the row's password
// form or delete question when open.
import { h, fill, formatDate } from './dom.js';
import { usersState } from './users.js';

/** formMsg shows a form's message ({error} or {ok} or {busy}) in el. */
export function formMsg(el, m, busyText = 'Saving…') {
  const text = m ? m.error || m.ok || (m.busy ? busyText : '') : '';
  el.hidden = !text;
  el.className = 'form-msg' + (m && m.error ? ' error' : m && m.ok ? ' ok' : '');
  el.textContent = text;
}

/** usersMethods are Renderer's methods for the Users page; render.js adds them to the class. */
export const usersMethods = {
  usersPage(s) {
    const U = usersState();
    const me = s.me ? s.me.name : '';
    // Someone who follows a link here without being an admin is told
    // where their own things are, not shown a form that can only fail.
    const admin = !!s.me && s.me.role === 'admin';
    this.el.addUser.hidden = !admin;
    if (!admin) {
      if (this.changed('users-table', [admin])) {
        fill(this.el.usersTable, h('p', { class: 'empty-note' }, 'Only admins manage users. Your password and API tokens are under ', h('a', { href: '#/account' }, 'Your account'), '.'));
      }
      return;
    }
    if (this.changed('users-form', [U.form])) {
      formMsg(this.el.addUserMsg, U.form, 'Adding…');
      this.el.addUser.querySelector('[type=submit]').disabled = !!(U.form && U.form.busy);
    }
    if (!this.changed('users-table', [U.list, U.loading, U.error, U.reset, U.confirm, U.row, U.busy, me])) return;
    if (U.error) {
      fill(this.el.usersTable, h('p', { class: 'empty-note error' }, U.error));
      return;
    }
    if (!U.list.length) {
      fill(this.el.usersTable, h('p', { class: 'empty-note' }, U.loading ? 'Loading…' : 'No users yet.'));
      return;
    }
    fill(
      this.el.usersTable,
      h(
        'table',
        { class: 'grid users' },
        h('thead', {}, h('tr', {}, ['Name', 'Role', 'Projects', 'Added', 'Status', ''].map((t) => h('th', {}, t)))),
        h('tbody', {}, U.list.flatMap((u) => userRows(u, U, me))),
      ),
    );
  },
};

// userRows is a user's row, and under it the row's open form, question or
// message.
function userRows(u, U, me) {
  const self = u.name === me;
  const busy = U.busy === u.name;
  const noSelf = 'You may not do this to yourself: another admin can';
  const row = h(
    'tr',
    { class: u.disabled ? 'off' : '', dataset: { name: u.name } },
    cell('Name', '', h('strong', {}, u.name), self ? h('span', { class: 'muted' }, ' (you)') : null),
    cell(
      'Role',
      '',
      h(
        'select',
        { dataset: { action: 'user-role', name: u.name }, 'aria-label': `${u.name}'s role`, disabled: self || busy, title: self ? 'You may not take your own admin role: another admin can' : null },
        h('option', { value: 'user', selected: u.role !== 'admin' }, 'User'),
        h('option', { value: 'admin', selected: u.role === 'admin' }, 'Admin'),
      ),
    ),
    cell('Projects', 'projects', projectsOf(u)),
    cell('Added', 'date', u.created_at && !u.created_at.startsWith('0001-') ? formatDate(u.created_at) : '—'),
    cell('Status', '', h('span', { class: 'badge ' + (u.disabled ? 'user-off' : 'user-on') }, u.disabled ? 'Disabled' : 'Active')),
    h(
      'td',
      { class: 'actions' },
      h('button', { type: 'button', class: 'btn small', dataset: { action: 'user-reset', name: u.name }, disabled: busy, 'aria-expanded': String(U.reset === u.name) }, 'New password…'),
      h(
        'button',
        { type: 'button', class: 'btn small', dataset: { action: 'user-disable', name: u.name, disabled: String(!u.disabled) }, disabled: busy || (self && !u.disabled), title: self ? noSelf : u.disabled ? 'Let them log in again' : 'End their sessions, tokens and live connections, and refuse their logins' },
        u.disabled ? 'Enable' : 'Disable',
      ),
      h('button', { type: 'button', class: 'btn small danger', dataset: { action: 'user-delete', name: u.name }, disabled: busy || self, title: self ? noSelf : null }, 'Delete…'),
    ),
  );
  const out = [row];
  const sub = (...children) => h('tr', { class: 'sub' }, h('td', { colspan: '6' }, ...children));
  if (U.reset === u.name) {
    out.push(
      sub(
        h(
          'form',
          { class: 'inline-form', dataset: { action: 'user-password', name: u.name }, novalidate: true },
          h('label', { class: 'field' }, h('span', { class: 'field-name' }, `New password for ${u.name}`), h('input', { name: 'password', type: 'password', autocomplete: 'new-password', placeholder: '8 characters or more' })),
          h('button', { type: 'submit', class: 'btn primary small' }, 'Set password'),
          h('button', { type: 'button', class: 'btn ghost small', dataset: { action: 'user-reset-cancel' } }, 'Cancel'),
          h('span', { class: 'muted small' }, 'Their sessions and API tokens end; tell them the new one.'),
        ),
      ),
    );
  }
  if (U.confirm === u.name) {
    out.push(
      sub(
        h(
          'div',
          { class: 'confirm', role: 'alert' },
          h('span', {}, `Delete ${u.name}? They can no longer log in and leave every project; their annotations keep their name.`),
          h('button', { type: 'button', class: 'btn danger small', dataset: { action: 'user-delete-yes', name: u.name } }, `Delete ${u.name}`),
          h('button', { type: 'button', class: 'btn ghost small', dataset: { action: 'user-delete-no' } }, 'Keep'),
        ),
      ),
    );
  }
  if (U.row && U.row.name === u.name) out.push(sub(h('p', { class: 'form-msg ' + (U.row.error ? 'error' : 'ok'), role: 'status' }, U.row.error || U.row.ok)));
  return out;
}

/**
 * cell is a table cell whose content is one box: on a narrow window each
 * row is a card, each cell its column's name (data-th) beside that box.
 */
export function cell(th, cls, ...children) {
  return h('td', { 'data-th': th, class: cls || null }, h('div', { class: 'cell' }, ...children));
}

// projectsOf lists a user's projects with their role in each.
function projectsOf(u) {
  if (u.role === 'admin') return h('span', { class: 'muted' }, 'Every project, as admin');
  if (!u.projects || !u.projects.length) return h('span', { class: 'muted' }, 'None yet: add them in a project’s Members');
  return u.projects.map((p) => h('span', { class: 'proj' }, p.name, ' ', h('span', { class: 'role' }, p.role)));
}
