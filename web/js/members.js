// members.js runs the Members & settings dialog of the open project
// (managers and admins): the members with their roles, adding and
// removing, whether annotators may edit everyone's annotations, and how
// annotators work (together, or independently: annotators per article and
// who annotates). Changes are a draft until Save, which sends the member
// list (PUT) and then the settings (one PATCH) when they changed. Its
// state is the store's `members` key, null while closed:
//
//   {project, list, saved, editAll, savedEditAll,   the draft and what the server holds
//    settings, savedSettings,                       {mode, k, annotators} (assign.js settingsOf)
//    users: [name] | null,                          who can be added (admins), null: type a name
//    loading, busy, error}
import { api } from './api.js';
import { store } from './app.js';
import { can, isAdmin, openProject } from './perm.js';
import { addMember as added, sameMembers } from './people.js';
import { refreshProjects } from './projects.js';
import { settingsOf, settingsPatch } from './assign.js';

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
  const settings = settingsOf(p);
  store.set({ members: { project: p.id, list: [], saved: [], editAll, savedEditAll: editAll, settings, savedSettings: settings, users: null, loading: true, busy: false, error: '' } }, 'members');
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
  const annotators = m.settings.annotators.filter((n) => n !== name);
  setMembers({ list: m.list.filter((x) => x.name !== name), settings: { ...m.settings, annotators }, error: '' });
}

/** setSettings changes the draft's settings: mode, k (as typed). */
export function setSettings(patch) {
  const m = store.get().members;
  if (!m) return;
  setMembers({ settings: { ...m.settings, ...patch }, error: '' });
}

/** toggleAnnotator ticks (on) or unticks member name as one who annotates. */
export function toggleAnnotator(name, on) {
  const m = store.get().members;
  if (!m) return;
  const rest = m.settings.annotators.filter((n) => n !== name);
  setSettings({ annotators: on ? [...rest, name] : rest });
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
  return !!m && (!sameMembers(m.list, m.saved) || m.editAll !== m.savedEditAll || Object.keys(settingsPatch(m.settings, m.savedSettings, m.list)).length > 0);
}

/** saveMembers sends what changed; a refusal stays in the dialog, in words. */
export async function saveMembers() {
  const m = store.get().members;
  if (!m || m.busy) return;
  if (!dirty(m)) {
    closeMembers();
    return;
  }
  // Members first: someone added now may be ticked as an annotator.
  const patch = settingsPatch(m.settings, m.savedSettings, m.list);
  if (patch.error) {
    setMembers({ error: patch.error });
    return;
  }
  if (m.editAll !== m.savedEditAll) patch.annotators_edit_all = m.editAll;
  setMembers({ busy: true, error: '' });
  try {
    if (!sameMembers(m.list, m.saved)) {
      const list = await api.setMembers(m.project, m.list);
      setMembers({ saved: list, list });
    }
    if (Object.keys(patch).length) {
      const p = await api.updateProject(m.project, patch);
      setMembers({ savedEditAll: p.annotators_edit_all, savedSettings: settingsOf(p) });
    }
  } catch (err) {
    setMembers({ busy: false, error: err.message });
    return;
  }
  closeMembers();
  let note = 'Saved. Those whose rights changed get them at once.';
  if (patch.mode === 'independent') note = 'Saved: annotators now work independently, each on their own copy. Open editors reconnect to it.';
  if (patch.mode === 'shared') note = 'Saved: annotators now work together on one copy of each article. Open editors reconnect to it.';
  store.toast(note, 'info');
  refreshProjects();
}
