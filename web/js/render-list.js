// render-list.js draws the article list (Renderer's list, see render.js):
// its rows, who is on each article now, the pager and what an import did.
// In an independent project a reviewer's rows say how many of the k
// annotators submitted, with a menu to reopen a layer or mark the article
// reviewed, and an annotator's rows their own status.
import { h, fill, formatDate } from './dom.js';
import { initials, safeColor } from './presence.js';
import { exportScope } from './render-export.js';
import { can, openProject } from './perm.js';
import { ARTICLE_STATUSES, LAYER_STATUS, independent, assignees, progress, myStatus, statusName } from './assign.js';

/** STATUSES are the statuses of a shared project's article, with the names shown for them. */
export const STATUSES = ARTICLE_STATUSES.shared;

function badge(status, name = statusName(status), title = null) {
  return h('span', { class: `badge status-${status}`, title }, name);
}

/** listMethods are Renderer's methods for the article list; render.js adds them to the class. */
export const listMethods = {
  list(s) {
    const L = s.list;
    this.exportMenu(this.el.exportList, s, s.projectId, exportScope(this.store.project(), s.exportOpts));
    // Export and Import are for reviewers and up: not offered to others.
    if (this.changed('list-rights', [s.projects, s.projectId, s.me])) {
      this.el.exportList.hidden = !can(s, 'export');
      this.el.importBtn.hidden = !can(s, 'add_articles');
      this.listModes(s);
      this.startLabel(s);
    }
    const none = !s.projects.length;
    this.el.listView.classList.toggle('no-projects', none);
    if (document.activeElement !== this.el.q && this.el.q.value !== L.q) this.el.q.value = L.q;
    if (this.el.statusFilter.value !== L.status) this.el.statusFilter.value = L.status;
    const p = openProject(s);
    const rows = this.changed('list', [L.articles, L.loading, L.error, L.total, L.offset, none, s.projectId, p]);
    if (rows) {
      const how = rowKind(p);
      fill(
        this.el.rows,
        L.articles.map((a) =>
          h(
            'tr',
            { dataset: { action: 'open', id: String(a.id) } },
            h('td', { class: 'c-title' }, h('a', { href: `#/articles/${a.id}` }, a.title || 'Untitled')),
            h('td', { class: 'c-source' }, a.source || '—'),
            h('td', { class: 'c-status' }, statusCell(a, p, how)),
            h('td', { class: 'c-num' }, String(a.annotations ?? 0)),
            h('td', { class: 'c-date' }, h('time', { datetime: a.imported_at }, formatDate(a.imported_at))),
            h('td', { class: 'c-act' }, how === 'review' ? reviewCell(a, p) : null),
          ),
        ),
      );
      this.startLabel(s);
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

  // listModes sets what the list's head offers in the open project's
  // mode: the statuses to filter by, Agreement for reviewers and Start
  // annotating for annotators of an independent project.
  listModes(s) {
    const p = openProject(s);
    const how = rowKind(p);
    const L = s.list;
    const opts = ARTICLE_STATUSES[independent(p) ? 'independent' : 'shared'];
    const shown = L.status && !opts.some(([v]) => v === L.status) ? [...opts, [L.status, statusName(L.status)]] : opts;
    fill(this.el.statusFilter, h('option', { value: '' }, 'All statuses'), shown.map(([v, name]) => h('option', { value: v }, name)));
    this.el.statusFilter.value = L.status;
    const agreement = (this.el.agreement ||= document.getElementById('agreement-link'));
    agreement.hidden = how !== 'review';
    if (p) agreement.href = `#/projects/${p.id}/agreement`;
    agreement.title = 'How much the annotators agree, per label and pair';
    const start = (this.el.startAnnotating ||= document.getElementById('start-annotating'));
    start.hidden = how !== 'annotate';
    const me = s.me ? s.me.name : '';
    const mine = how === 'annotate' && assignees(p).includes(me);
    start.disabled = how === 'annotate' && !mine;
    start.title = mine
      ? 'Open the next article handed to you: your unfinished one, else one that still needs annotators'
      : 'A manager has not chosen you as one of this project’s annotators, so no article is handed to you. You can still open one from the list.';
    const th = this.el.rows.closest('table').querySelector('th.c-status');
    th.textContent = how === 'annotate' ? 'Your status' : 'Status';
    this.el.rows.closest('table').classList.toggle('with-act', how === 'review');
  },

  // startLabel names Start annotating by what the page shows of the
  // annotator's work: an article to finish, or none yet.
  startLabel(s) {
    const start = this.el.startAnnotating;
    if (!start || start.hidden) return;
    const arts = s.list.articles;
    const open = arts.some((a) => a.mine && a.mine.status !== 'submitted' && a.status !== 'reviewed');
    start.textContent = open ? 'Continue annotating' : arts.some((a) => a.mine) ? 'Next article' : 'Start annotating';
  },
};

// rowKind is what the list's rows show in project p: 'review' (a
// reviewer's view of an independent project's layers), 'annotate' (an
// annotator's own status there) or 'shared'.
function rowKind(p) {
  if (!independent(p)) return 'shared';
  return (p.can || []).includes('review') ? 'review' : 'annotate';
}

// statusCell is the list's status of article a: the article's, with how
// many submitted for a reviewer; an annotator's own.
function statusCell(a, p, how) {
  if (how === 'annotate') {
    const st = myStatus(a);
    if (st === 'reviewed') return badge('reviewed', 'Reviewed', 'A reviewer marked it reviewed: locked for annotators');
    return badge(st === 'none' ? 'new' : st, LAYER_STATUS[st], st === 'submitted' ? 'You submitted it: locked unless a reviewer reopens it' : null);
  }
  if (how !== 'review') return badge(a.status);
  const pr = progress(a, p);
  return [badge(a.status), h('span', { class: 'progress', title: pr.detail }, pr.text)];
}

// reviewCell is a reviewer's row actions: Review (a submitted article)
// and a menu of its layers (Reopen each submitted one) and Mark reviewed
// or Reopen article.
function reviewCell(a, p) {
  const pr = progress(a, p);
  const title = a.title || 'Untitled';
  return h(
    'div',
    { class: 'row-acts' },
    a.status === 'submitted' ? h('a', { class: 'btn small', href: `#/articles/${a.id}/review`, title: 'Compare the annotators’ layers and decide what goes into gold' }, 'Review') : null,
    h(
      'details',
      { class: 'menu row-menu' },
      h('summary', { class: 'btn small', title: 'Each annotator’s layer: reopen one; mark the article reviewed', 'aria-label': `Layers and review of ${title}` }, 'Layers', h('span', { class: 'caret', 'aria-hidden': 'true' })),
      h(
        'div',
        { class: 'menu-panel row-panel' },
        h('p', { class: 'menu-title' }, `Layers · ${pr.text}`),
        pr.layers.length
          ? h(
              'ul',
              { class: 'layer-rows' },
              pr.layers.map((l) =>
                h(
                  'li',
                  { dataset: { name: l.name } },
                  h('span', { class: 'layer-name' }, l.name),
                  badge(l.status === 'assigned' ? 'new' : l.status, LAYER_STATUS[l.status] || l.status),
                  l.status === 'submitted'
                    ? h('button', { type: 'button', class: 'btn small', dataset: { action: 'layer-reopen', id: String(a.id), name: l.name }, title: `Give ${l.name} their annotations back to change and submit again` }, 'Reopen')
                    : null,
                ),
              ),
            )
          : h('p', { class: 'muted small' }, 'Nobody has this article yet.'),
        h(
          'div',
          { class: 'menu-foot' },
          a.status === 'reviewed'
            ? h('button', { type: 'button', class: 'btn small', dataset: { action: 'article-reopen', id: String(a.id) }, title: 'No longer reviewed: annotators whose layers are not submitted can change them again' }, 'Reopen article')
            : h('button', { type: 'button', class: a.status === 'submitted' ? 'btn small primary' : 'btn small', dataset: { action: 'article-reviewed', id: String(a.id) }, title: 'Done reviewing: locked for its annotators' }, 'Mark reviewed'),
        ),
      ),
    ),
  );
}

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
