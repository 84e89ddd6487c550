// render-list.js draws the article list (Renderer's list, see render.js):
// its rows, who is on each article now, the pager and what an import did.
import { h, fill, formatDate } from './dom.js';
import { initials, safeColor } from './presence.js';
import { exportScope } from './render-export.js';
import { can } from './perm.js';

/** STATUSES are the statuses of an article, with the names shown for them. */
export const STATUSES = [
  ['new', 'New'],
  ['in_progress', 'In progress'],
  ['done', 'Done'],
];
const statusName = Object.fromEntries(STATUSES);

function badge(status) {
  return h('span', { class: `badge status-${status}` }, statusName[status] || status);
}

/** listMethods are Renderer's methods for the article list; render.js adds them to the class. */
export const listMethods = {
  list(s) {
    const L = s.list;
    this.exportMenu(this.el.exportList, s, s.projectId, exportScope(this.store.project(), s.exportOpts));
    // Export and Import are for reviewers and up: not offered to others.
    if (this.changed('list-rights', [s.projects, s.projectId])) {
      this.el.exportList.hidden = !can(s, 'export');
      this.el.importBtn.hidden = !can(s, 'add_articles');
    }
    const none = !s.projects.length;
    this.el.listView.classList.toggle('no-projects', none);
    if (document.activeElement !== this.el.q && this.el.q.value !== L.q) this.el.q.value = L.q;
    if (this.el.statusFilter.value !== L.status) this.el.statusFilter.value = L.status;
    const rows = this.changed('list', [L.articles, L.loading, L.error, L.total, L.offset, none, s.projectId]);
    if (rows) {
      fill(
        this.el.rows,
        L.articles.map((a) =>
          h(
            'tr',
            { dataset: { action: 'open', id: String(a.id) } },
            h('td', { class: 'c-title' }, h('a', { href: `#/articles/${a.id}` }, a.title || 'Untitled')),
            h('td', { class: 'c-source' }, a.source || '—'),
            h('td', { class: 'c-status' }, badge(a.status)),
            h('td', { class: 'c-num' }, String(a.annotations ?? 0)),
            h('td', { class: 'c-date' }, h('time', { datetime: a.imported_at }, formatDate(a.imported_at))),
          ),
        ),
      );
      let empty = '';
      if (none) empty = noProjects(s);
      else if (L.error) empty = L.error;
      else if (!L.loading && L.articles.length === 0) {
        if (L.q || L.status) empty = 'No articles match.';
        else if (can(s, 'add_articles')) empty = 'No articles yet. Import .txt, .jsonl or .json files to start.';
        else empty = 'No articles in this project yet. A reviewer or manager imports them; they show here.';
      }
      this.el.listEmpty.hidden = !empty;
      fill(this.el.listEmpty, empty);
      this.el.listView.classList.toggle('loading', L.loading);
      const from = L.total === 0 ? 0 : L.offset + 1;
      const to = Math.min(L.offset + L.articles.length, L.total);
      fill(
        this.el.pager,
        h('span', { class: 'count' }, L.total === 0 ? '' : `${from}–${to} of ${L.total}`),
        h('button', { type: 'button', class: 'btn', dataset: { action: 'page', dir: '-1' }, disabled: L.offset === 0 }, '← Newer'),
        h('button', { type: 'button', class: 'btn', dataset: { action: 'page', dir: '1' }, disabled: to >= L.total }, 'Older →'),
      );
    }
    // Who is on each article changes while the list is open (it is
    // refreshed in the background): only those marks are redrawn, so that
    // focus and hover on the rows stay.
    if (this.changed('list-here', [L.here]) || rows) {
      for (const tr of this.el.rows.children) {
        const cell = tr.firstElementChild;
        const old = cell.querySelector('.here');
        if (old) old.remove();
        const mark = hereNow(L.here && L.here[tr.dataset.id]);
        if (mark) cell.append(mark);
      }
    }
    if (this.changed('import', [s.importing, s.importResult])) {
      this.el.importBtn.classList.toggle('busy', s.importing);
      const r = s.importResult;
      this.el.importBox.hidden = !r && !s.importing;
      if (s.importing) fill(this.el.importBox, h('p', {}, 'Importing…'));
      else if (r && r.error) {
        this.el.importBox.className = 'notice error';
        fill(this.el.importBox, h('p', {}, 'Import failed: ', r.error), h('button', { type: 'button', class: 'btn ghost small', dataset: { action: 'dismiss-import' } }, 'Dismiss'));
      } else if (r) {
        const created = r.articles.filter((a) => a.created).length;
        const dup = r.articles.length - created;
        this.el.importBox.className = 'notice';
        fill(
          this.el.importBox,
          h('p', {}, `Imported ${created} article${created === 1 ? '' : 's'}` + (dup ? `; ${dup} already in the project.` : '.')),
          h(
            'ul',
            {},
            r.articles.slice(0, 20).map((a) =>
              h('li', {}, h('a', { href: `#/articles/${a.id}` }, a.title || `Article ${a.id}`), a.created ? null : h('span', { class: 'muted' }, ' (already there)')),
            ),
          ),
          h('button', { type: 'button', class: 'btn ghost small', dataset: { action: 'dismiss-import' } }, 'Dismiss'),
        );
      }
    }
  },
};

// noProjects is the list's empty state for someone in no project yet.
function noProjects(s) {
  if (s.me && s.me.role === 'admin') return [h('strong', {}, 'No projects yet.'), ' Make one with New project… in the project menu.'];
  return [h('strong', {}, 'You are not in any project yet.'), h('br'), 'A project’s manager (or an admin) adds you under Members. This page looks every few seconds: the project shows here when they have.'];
}

// hereNow shows who has an article open live, as small avatars after its
// title in the list: where a review session is going on.
function hereNow(users) {
  if (!users || !users.length) return null;
  const names = users.map((u) => u.name).join(', ');
  return h(
    'span',
    { class: 'here', role: 'img', title: `Open now: ${names}`, 'aria-label': `Open now: ${names}` },
    users.slice(0, 4).map((u) => h('span', { class: 'avatar-face small', style: { '--c': safeColor(u.color) } }, initials(u.name))),
    users.length > 4 ? h('span', { class: 'avatar-face small more' }, `+${users.length - 4}`) : null,
  );
}
