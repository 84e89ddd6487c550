// render-members.js draws the Members dialog (Renderer's membersDialog,
// see render.js): the draft's members with a role each, who can be added,
// the annotators setting and what the server refused.
import { h, fill } from './dom.js';
import { PROJECT_ROLES } from './people.js';
import { dirty } from './members.js';

function roleOptions(selected) {
  return PROJECT_ROLES.map(([v, name, what]) => h('option', { value: v, selected: v === selected, title: what }, name));
}

/** membersMethods are Renderer's methods for the Members dialog; render.js adds them to the class. */
export const membersMethods = {
  membersDialog(s) {
    const m = s.members;
    if (!this.changed('members', [m, s.me])) return;
    this.el.members.hidden = !m;
    if (!m) return;
    const p = this.store.project(m.project);
    const me = s.me ? s.me.name : '';
    const admin = !!s.me && s.me.role === 'admin';
    fill(this.el.membersTitle, 'Members of ', h('em', {}, p ? p.name : 'this project'));
    let body;
    if (m.loading) body = h('p', { class: 'empty-note' }, 'Loading…');
    else if (!m.list.length) body = h('p', { class: 'empty-note' }, 'Nobody is a member yet: only admins see this project. Add people below.');
    else {
      body = h(
        'ul',
        { class: 'member-rows' },
        m.list.map((x) => {
          // A manager may not drop their own manager role (the server
          // refuses): so the project keeps someone who can manage it.
          const own = x.name === me && !admin;
          const why = own ? 'You may not drop your own manager role: another manager or an admin can' : null;
          return h(
            'li',
            { dataset: { name: x.name } },
            h('span', { class: 'member-name' }, x.name, x.name === me ? h('span', { class: 'muted' }, ' (you)') : null),
            h('select', { dataset: { action: 'member-role', name: x.name }, 'aria-label': `${x.name}'s role`, disabled: own, title: why }, roleOptions(x.role)),
            h('button', { type: 'button', class: 'btn ghost small', dataset: { action: 'member-remove', name: x.name }, disabled: own, title: why || `Take ${x.name} out of this project` }, 'Remove'),
          );
        }),
      );
    }
    fill(this.el.membersList, body);
    // Admins pick from the users (GET /api/users is theirs); managers type a name.
    const pick = this.el.memberPick;
    pick.hidden = !m.users;
    this.el.memberName.hidden = !!m.users;
    if (m.users) {
      const free = m.users.filter((n) => !m.list.some((x) => x.name === n));
      fill(pick, h('option', { value: '' }, free.length ? 'Pick a user…' : 'Everyone is a member'), free.map((n) => h('option', { value: n }, n)));
    }
    if (!this.el.memberRole.options.length) fill(this.el.memberRole, roleOptions('annotator'));
    this.el.editAll.checked = m.editAll;
    this.el.membersMsg.hidden = !m.error;
    this.el.membersMsg.textContent = m.error || '';
    const changed = dirty(m);
    this.el.membersNote.textContent = m.busy ? 'Saving…' : changed ? 'Not saved yet' : '';
    this.el.membersSave.disabled = !!m.busy || m.loading;
    this.el.membersSave.textContent = changed ? 'Save' : 'Done';
  },
};
