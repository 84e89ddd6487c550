// members.js runs the Members dialog of the open project (managers and
// admins): the members with their roles, adding and removing, and whether
// annotators may edit everyone's annotations. Changes are a draft until
// Save, which sends the member list (PUT) and the setting (PATCH) when
// they changed. Its state is the store's `members` key, null while closed:
//
//   {project, list, saved, editAll, savedEditAll,   the draft and what the server holds
//    users: [name] | null,                          who can be added (admins), null: type a name
//    loading, busy, error}
import { api } from './api.js';
import { store } from './app.js';
import { can, isAdmin, openProject } from './perm.js';
import { addMember as added, sameMembers } from './people.js';
import { refreshProjects } from './projects.js';

function setMembers(patch) {
  const m = store.get().members;
  if (!m) return;
  store.set({ members: { ...m, ...patch } }, 'members');
}

/** openMembers opens the dialog for the open project and loads its members. */
export async function openMembers() {
  const s = store.get();
  const p = openProject(s);
  if (!p || !can(s, 'manage_members')) return;
  const editAll = !!p.annotators_edit_all;
  document.getElementById('member-name').value = '';
  store.set({ members: { project: p.id, list: [], saved: [], editAll, savedEditAll: editAll, users: null, loading: true, busy: false, error: '' } }, 'members');
  try {
    // GET /api/users is for admins; managers type a name instead. Admins
    // are not offered: they may do everything in every project anyway.
    const [list, users] = await Promise.all([api.members(p.id), isAdmin(s) ? api.users() : null]);
    if (!store.get().members || store.get().members.project !== p.id) return;
    setMembers({ list: list || [], saved: list || [], users: users ? users.filter((u) => !u.disabled && u.role !== 'admin').map((u) => u.name).sort() : null, loading: false });
  } catch (err) {
    setMembers({ loading: false, error: err.message });
  }
  const input = document.getElementById(isAdmin(s) ? 'member-pick' : 'member-name');
  if (input) input.focus();
}

/** closeMembers closes the dialog; the draft is dropped. */
export function closeMembers() {
  store.set({ members: null }, 'members');
}

/** setMemberRole changes a member's role in the draft. */
export function setMemberRole(name, role) {
  const m = store.get().members;
  if (!m) return;
  setMembers({ list: m.list.map((x) => (x.name === name ? { ...x, role } : x)), error: '' });
}

/** removeMember takes a member out of the draft. */
export function removeMember(name) {
  const m = store.get().members;
  if (!m) return;
  setMembers({ list: m.list.filter((x) => x.name !== name), error: '' });
}

/** addMember adds the form's user to the draft, with the role chosen. */
export function addMember(form) {
  const m = store.get().members;
  if (!m) return;
  const pick = form.elements.pick;
  const name = m.users ? pick.value : form.elements.name.value;
  const res = added(m.list, name, form.elements.role.value);
  if (res.error) {
    setMembers({ error: m.users && !name ? 'Pick a user to add.' : res.error });
    return;
  }
  form.elements.name.value = '';
  setMembers({ list: res.members, error: '' });
}

/** setEditAll sets the draft's "annotators may edit everyone's annotations". */
export function setEditAll(on) {
  setMembers({ editAll: on });
}

/** dirty reports whether the draft differs from what the server holds. */
export function dirty(m) {
  return !!m && (!sameMembers(m.list, m.saved) || m.editAll !== m.savedEditAll);
}

/** saveMembers sends what changed; a refusal stays in the dialog, in words. */
export async function saveMembers() {
  const m = store.get().members;
  if (!m || m.busy) return;
  if (!dirty(m)) {
    closeMembers();
    return;
  }
  setMembers({ busy: true, error: '' });
  try {
    if (!sameMembers(m.list, m.saved)) {
      const list = await api.setMembers(m.project, m.list);
      setMembers({ saved: list, list });
    }
    if (m.editAll !== m.savedEditAll) {
      await api.updateProject(m.project, { annotators_edit_all: m.editAll });
      setMembers({ savedEditAll: m.editAll });
    }
  } catch (err) {
    setMembers({ busy: false, error: err.message });
    return;
  }
  closeMembers();
  store.toast('Members saved. Those whose rights changed get them at once.', 'info');
  refreshProjects();
}
