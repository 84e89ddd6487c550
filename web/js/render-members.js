// render-members.js draws the Members & settings dialog (Renderer's
// membersDialog, see render.js): the draft's members with a role each, who
// can be added, the annotators setting, how annotators work (together or
// independently, how many per article, who) and what the server refused.
import { h, fill } from './dom.js';
import { PROJECT_ROLES, whyNot } from './people.js';
import { dirty } from './members.js';
import { MODES, MAX_K, assignees } from './assign.js';

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
    fill(this.el.membersTitle, 'Members and settings of ', h('em', {}, p ? p.name : 'this project'));
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
    // Annotators in independent mode see only their own layer: whether
    // they may edit others' is moot there.
    this.el.editAll.closest('label').hidden = m.settings.mode === 'independent';
    this.projectSettings(s, m, p);
    this.el.membersMsg.hidden = !m.error;
    this.el.membersMsg.textContent = m.error || '';
    const changed = dirty(m);
    this.el.membersNote.textContent = m.busy ? 'Saving…' : changed ? 'Not saved yet' : '';
    this.el.membersSave.disabled = !!m.busy || m.loading;
    this.el.membersSave.textContent = changed ? 'Save' : 'Done';
  },

  // projectSettings draws the dialog's "How annotators work": the mode,
  // and in independent mode k and who annotates. It is rebuilt when its
  // shape changes (the mode, the members); values typed in it are only
  // synced, so the field being typed in keeps its focus.
  projectSettings(s, m, p) {
    const box = (this.el.projectSettings ||= document.getElementById('project-settings'));
    const ind = m.settings.mode === 'independent';
    const may = !!p && (p.can || []).includes('edit_project');
    if (this.changed('settings-shape', [m.project, m.loading, m.list, ind, may, m.savedSettings])) {
      const why = may ? null : whyNot('Changing how annotators work', 'edit_project', p && p.my_role);
      // Annotators are offered (and whoever is listed already, to untick):
      // a reviewer or manager works in the gold layer in the editor.
      const who = m.list.filter((x) => x.role === 'annotator' || m.savedSettings.annotators.includes(x.name));
      fill(
        box,
        h('h3', { id: 'ps-title' }, 'How annotators work'),
        h(
          'fieldset',
          { class: 'ps-modes', disabled: !may || m.loading, title: why },
          h('legend', { class: 'sr-only' }, 'Mode'),
          MODES.map(([v, name, what]) =>
            h(
              'label',
              { class: 'check mode-opt' },
              h('input', { type: 'radio', name: 'mode', value: v, dataset: { action: 'settings-mode' } }),
              h('span', {}, h('strong', {}, name), h('span', { class: 'muted small mode-what' }, what)),
            ),
          ),
        ),
        ind
          ? h(
              'fieldset',
              { class: 'ps-independent', disabled: !may || m.loading, title: why },
              h('legend', { class: 'sr-only' }, 'Independent annotation'),
              h(
                'label',
                { class: 'field ps-k' },
                h('span', { class: 'field-name' }, 'Annotators per article'),
                h('input', { type: 'number', id: 'settings-k', min: '1', max: String(MAX_K), step: '1', inputmode: 'numeric', dataset: { action: 'settings-k' } }),
                h('span', { class: 'muted small' }, 'Each article is handed to this many annotators. Agreement is computed between them.'),
              ),
              h('div', { class: 'field-name' }, 'Who annotates'),
              who.length
                ? h(
                    'ul',
                    { class: 'ps-who' },
                    who.map((x) =>
                      h(
                        'li',
                        {},
                        h(
                          'label',
                          { class: 'check' },
                          h('input', { type: 'checkbox', dataset: { action: 'settings-annotator', name: x.name } }),
                          h('span', {}, x.name, x.role === 'annotator' ? null : h('span', { class: 'muted small' }, ` ${x.role}`)),
                        ),
                      ),
                    ),
                  )
                : h('p', { class: 'muted small' }, 'No member has the annotator role yet: add some above.'),
              h('p', { class: 'muted small ps-none' }),
            )
          : null,
      );
    }
    for (const r of box.querySelectorAll('[data-action="settings-mode"]')) r.checked = r.value === m.settings.mode;
    const k = box.querySelector('#settings-k');
    if (k && document.activeElement !== k && k.value !== m.settings.k) k.value = m.settings.k;
    for (const c of box.querySelectorAll('[data-action="settings-annotator"]')) c.checked = m.settings.annotators.includes(c.dataset.name);
    const none = box.querySelector('.ps-none');
    if (none) {
      // Who "every annotator" is now, from the draft's members.
      const all = assignees({ members: m.list, annotators: [] });
      none.textContent = m.settings.annotators.length
        ? 'Only those ticked are handed articles. Reviewers and managers work in the gold layer.'
        : `None ticked: every member with the annotator role${all.length ? ` (now ${all.join(', ')})` : ', and there is none yet'}. Reviewers and managers work in the gold layer.`;
    }
  },
};
