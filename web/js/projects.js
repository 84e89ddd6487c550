// projects.js switches between projects and creates new ones (the New
// project dialog). The project last chosen is kept in localStorage.
import { api } from './api.js';
import { parseLabels, formatLabels } from './schema.js';
import { store, live } from './app.js';
import { loadList } from './list.js';
import { loadArticle } from './routes.js';

const PROJECT_KEY = 'gloss.project';

/** savedProject returns the id of the project to open: the one last chosen, else the first. */
export function savedProject(projects) {
  const saved = Number(localStorage.getItem(PROJECT_KEY));
  return projects.some((p) => p.id === saved) ? saved : projects.length ? projects[0].id : null;
}

/** switchProject opens the project chosen in el, or the New project dialog. */
export function switchProject(el) {
  if (el.value === 'new') {
    el.value = String(store.get().projectId);
    openNewProject();
    return;
  }
  const id = Number(el.value);
  localStorage.setItem(PROJECT_KEY, String(id));
  store.set({ projectId: id }, 'projects');
  store.setList({ offset: 0 });
  if (location.hash && location.hash !== '#/') location.hash = '#/';
  else loadList();
}

let refreshing = null;
/**
 * refreshProjects fetches who this user is and their projects again: their
 * role and what they may do ("can") change while the editor is open (a
 * manager adds them, an admin changes their role). The store changes only
 * when something did. A project they left is swapped for another.
 */
export function refreshProjects() {
  // Signed out by the server (code 4001): the live session shows why and
  // goes to the login page itself; a 401 here would go there first.
  if (live.signedOut) return;
  if (!refreshing) {
    refreshing = (async () => {
      try {
        const [me, projects] = await Promise.all([api.me(), api.projects()]);
        const s = store.get();
        const patch = {};
        if (JSON.stringify(me) !== JSON.stringify(s.me)) patch.me = me;
        if (JSON.stringify(projects) !== JSON.stringify(s.projects)) patch.projects = projects;
        if (!projects.some((p) => p.id === s.projectId)) patch.projectId = savedProject(projects);
        if (!Object.keys(patch).length) return;
        const modeChanged = 'projects' in patch && openModeChanged(s, projects);
        store.set(patch, 'projects');
        if (modeChanged) {
          // Another layer to work in (one's own, or gold): load it afresh.
          loadArticle(s.article.id);
          store.toast(modeChanged === 'independent'
            ? 'This project now works independently: you see your own annotations of this article only.'
            : 'This project now works together: everyone’s annotations of this article are shown.', 'info');
        }
        if ('projectId' in patch) {
          store.setList({ offset: 0 });
          if (store.get().route.view === 'list') loadList();
        }
      } catch {
        // Offline or logged out: the next try says so.
      } finally {
        refreshing = null;
      }
    })();
  }
  return refreshing;
}

// openModeChanged returns the new mode of the open article's project when
// projects says it changed, else ''.
function openModeChanged(s, projects) {
  const a = s.article;
  if (!a || s.route.view !== 'article') return '';
  const was = s.projects.find((p) => p.id === a.project);
  const now = projects.find((p) => p.id === a.project);
  const mode = (p) => (p && p.mode === 'independent' ? 'independent' : 'shared');
  return was && now && mode(was) !== mode(now) ? mode(now) : '';
}

// openNewProject opens the New project dialog with the current project's
// labels to start from.
function openNewProject() {
  const cur = store.project();
  document.getElementById('np-name').value = '';
  document.getElementById('np-labels').value = formatLabels(cur ? cur.labels : []);
  store.set({ newProject: { error: '' } }, 'new-project');
  document.getElementById('np-name').focus();
}

/** createProject creates the dialog's project and switches to it. */
export async function createProject(form) {
  const np = store.get().newProject;
  if (!np || np.busy) return;
  const name = form.elements.name.value.trim();
  let labels;
  try {
    if (!name) throw new Error('Give the project a name.');
    labels = parseLabels(form.elements.labels.value);
  } catch (err) {
    store.set({ newProject: { error: err.message } }, 'new-project');
    return;
  }
  store.set({ newProject: { error: '', busy: true } }, 'new-project');
  try {
    const p = await api.createProject(name, labels);
    const projects = await api.projects();
    localStorage.setItem(PROJECT_KEY, String(p.id));
    store.set({ projects, projectId: p.id, newProject: null }, 'projects');
    store.setList({ offset: 0 });
    if (location.hash && location.hash !== '#/') location.hash = '#/';
    else loadList();
    store.toast(`Project ${p.name} created with ${p.labels.length} labels. Import articles into it with Import.`, 'info');
  } catch (err) {
    store.set({ newProject: { error: err.message } }, 'new-project');
  }
}
