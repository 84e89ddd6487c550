// render.js draws the screen from the store. render() may run any number of
// times: each part redraws only when what it shows changed (compared by
// value or by identity), so the article text is laid out once per article
// and highlights repaint only when annotations or the selection change.
//
// Elements carry ids and action names (data-action, data-id) for main.js's
// delegated listeners; never state.
//
// The parts of the screen with most to draw have their own files, whose
// methods join the class: render-list.js (the article list),
// render-panel.js (the side panel), render-popover.js (the selected
// annotation's popover), render-export.js (the Export menu),
// render-users.js (the Users page), render-account.js (Your account) and
// render-members.js (the Members dialog), render-relations.js (links
// between annotations, and linking).
import { h, fill, safeHref, formatDate, swatch } from './dom.js';
import { TextView } from './textview.js';
import { PeerHighlighter, people, initials } from './presence.js';
import { addMethods } from './mixin.js';
import { exportScope, exportMethods } from './render-export.js';
import { listMethods } from './render-list.js';
import { panelMethods } from './render-panel.js';
import { popoverMethods } from './render-popover.js';
import { usersMethods } from './render-users.js';
import { accountMethods } from './render-account.js';
import { membersMethods } from './render-members.js';
import { agreementMethods } from './render-agreement.js';
import { adjudicateMethods } from './render-adjudicate.js';
import { assignMethods } from './render-assign.js';
import { suggestMethods } from './render-suggest.js';
import { can, isAdmin, openProject } from './perm.js';
import { whyNot } from './people.js';
import { annotationsViewMethods } from './render-annotations-view.js';
import { detailsMethods } from './article-details.js';
import { relationMethods } from './render-relations.js';
import { bracketMethods } from './render-brackets.js';

const LIVE_TEXT = {
  connecting: ['Connecting…', 'Opening the live connection'],
  live: ['Live', 'Changes are saved and shared as you make them'],
  reconnecting: ['Reconnecting…', 'The connection dropped; your changes are kept and sent when it is back'],
  offline: ['Offline', 'No connection; your changes are kept in this browser and sent when it is back'],
  rest: ['Saved directly', "Live updates are not available here: your changes are saved, others' show after a reload"],
};

/** liveLabel says what the status indicator shows for live state l. */
export function liveLabel(l) {
  const [text, title] = LIVE_TEXT[l.status] || ['', ''];
  const n = l.pending || 0;
  const more = n ? `${n} pending change${n === 1 ? '' : 's'}` : '';
  if (l.status === 'offline' || (l.status === 'reconnecting' && n)) return { text: more ? `${text} · ${more}` : text, title };
  return { text, title };
}

function same(a, b) {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((x, i) => x === b[i]);
}

function kbd(k) {
  return h('kbd', {}, k);
}

export class Renderer {
  /**
   * @param {import('./state.js').Store} store
   * @param {import('./highlight.js').Highlighter} hl
   */
  constructor(store, hl) {
    this.store = store;
    this.hl = hl;
    this.view = null; // TextView of the open article
    this.memo = new Map();
    this.expanded = new Set(); // panel groups shown in full
    this.moreKey = ''; // what the popover's count of repeats was counted for
    this.more = 0;
    const $ = (id) => document.getElementById(id);
    this.el = {
      project: $('project'),
      who: $('who'),
      listView: $('list-view'),
      articleView: $('article-view'),
      q: $('q'),
      statusFilter: $('status-filter'),
      importBox: $('import-result'),
      rows: $('rows'),
      listEmpty: $('list-empty'),
      pager: $('pager'),
      importBtn: $('import-btn'),
      head: $('art-head'),
      text: $('text'),
      labels: $('labels'),
      undo: $('undo'),
      redo: $('redo'),
      status: $('status'),
      panel: $('panel'),
      popover: $('popover'),
      toast: $('toast'),
      help: $('help'),
      helpLabels: $('help-labels'),
      newProject: $('new-project'),
      npError: $('np-error'),
      crumb: $('crumb'),
      toolbar: document.querySelector('.toolbar'),
      live: $('live'),
      liveStatus: $('live-status'),
      peers: $('peers'),
      exportList: $('export-list'),
      exportArticle: $('export-article'),
      peerFlags: $('peer-flags'),
      usersLink: $('users-link'),
      membersBtn: $('members-btn'),
      doneNext: document.querySelector('[data-action="done-next"]'),
      usersView: $('users-view'),
      addUser: $('add-user'),
      addUserMsg: $('add-user-msg'),
      usersTable: $('users-table'),
      accountView: $('account-view'),
      accountWho: $('account-who'),
      ownPassword: $('own-password'),
      ownPasswordMsg: $('own-password-msg'),
      newToken: $('new-token'),
      newTokenMsg: $('new-token-msg'),
      tokenTtl: $('token-ttl'),
      tokenSecret: $('token-secret'),
      tokensTable: $('tokens-table'),
      members: $('members'),
      membersTitle: $('members-title'),
      membersList: $('members-list'),
      memberPick: $('member-pick'),
      memberName: $('member-name'),
      memberRole: $('member-role'),
      editAll: $('edit-all'),
      membersMsg: $('members-msg'),
      membersNote: $('members-note'),
      membersSave: $('members-save'),
    };
    this.peerHl = new PeerHighlighter();
  }

  // changed reports whether deps differ from the last call with this key.
  changed(key, deps) {
    if (this.memo.has(key) && same(this.memo.get(key), deps)) return false;
    this.memo.set(key, deps);
    return true;
  }

  render() {
    const s = this.store.get();
    this.header(s);
    const v = s.route.view;
    this.el.listView.hidden = v !== 'list';
    this.el.articleView.hidden = v !== 'article';
    this.el.usersView.hidden = v !== 'users';
    this.el.accountView.hidden = v !== 'account';
    document.body.dataset.view = v;
    if (v === 'list') this.list(s);
    if (v === 'article') this.article(s);
    this.articleDetails(s); // Edit details in the byline, and its dialog
    this.adjudicatePage(s); // the review page over the article, or nothing
    this.suggestPage(s); // the detectors' suggestions over the article, or nothing
    if (v === 'users') this.usersPage(s);
    if (v === 'account') this.accountPage(s);
    this.agreementPage(s); // shown or hidden by itself: its section is its own
    this.annotationsPage(s); // likewise; and the list's Annotations link
    this.toast(s);
    this.help(s);
    this.newProject(s);
    this.membersDialog(s);
  }

  newProject(s) {
    if (!this.changed('new-project', [s.newProject])) return;
    const np = s.newProject;
    this.el.newProject.hidden = !np;
    this.el.npError.hidden = !(np && np.error);
    this.el.npError.textContent = (np && np.error) || '';
  }

  header(s) {
    if (this.changed('projects', [s.projects, s.projectId, s.me])) {
      fill(
        this.el.project,
        s.projects.map((p) => h('option', { value: String(p.id), selected: p.id === s.projectId }, p.name)),
        s.me && s.me.role === 'admin' ? h('option', { value: 'new' }, 'New project…') : null,
      );
      // Nothing to pick from: the list says why.
      this.el.project.parentElement.hidden = !this.el.project.options.length;
    }
    const p = openProject(s);
    const role = isAdmin(s) ? 'admin' : p ? p.my_role : '';
    if (this.changed('me', [s.me, p, role])) {
      // The role that counts is the one in the open project.
      fill(this.el.who, s.me ? [h('span', { class: 'who-name' }, s.me.name), role ? h('span', { class: 'role', title: isAdmin(s) ? 'Admin: everything, in every project' : `Your role in ${p.name}` }, role) : null] : null);
      this.el.usersLink.hidden = !isAdmin(s);
      this.el.membersBtn.hidden = !can(s, 'manage_members');
    }
    this.el.usersLink.classList.toggle('current', s.route.view === 'users');
    const a = s.route.view === 'article' ? s.article : null;
    this.presence(s, a);
    if (this.changed('crumb', [s.route.view, a && a.title])) {
      fill(this.el.crumb, a ? [h('a', { href: '#/' }, 'Articles'), h('span', { class: 'sep' }, '/'), h('span', { class: 'cur' }, a.title || 'Untitled')] : null);
    }
  }

  presence(s, a) {
    const l = s.live;
    const show = !!a && l.status !== 'closed';
    if (!this.changed('live', [show, l.status, l.pending, l.users, l.you])) return;
    this.el.live.hidden = !show;
    if (!show) return;
    const { text, title } = liveLabel(l);
    this.el.liveStatus.className = `live-status is-${l.status}`;
    this.el.liveStatus.title = title;
    fill(this.el.liveStatus, h('span', { class: 'live-dot', 'aria-hidden': 'true' }), h('span', { class: 'live-text' }, text));
    // Alone, your own avatar would only repeat your name next to it.
    let ps = l.status === 'live' ? people(l.users, l.you) : [];
    if (ps.length === 1 && ps[0].you) ps = [];
    const shown = ps.slice(0, 6);
    fill(
      this.el.peers,
      shown.map((p) =>
        h(
          'li',
          { class: 'avatar' + (p.you ? ' you' : ''), style: { '--c': p.color }, dataset: { name: p.name } },
          p.you || !p.selections.length
            ? h('span', { class: 'avatar-face', role: 'img', title: p.you ? `${p.name} (you)` : p.name, 'aria-label': p.you ? `${p.name} (you)` : p.name }, initials(p.name))
            : h('button', { type: 'button', class: 'avatar-face', title: `${p.name}: show their selection`, 'aria-label': `${p.name}: show their selection`, dataset: { action: 'goto-peer', name: p.name } }, initials(p.name)),
        ),
      ),
      ps.length > shown.length ? h('li', { class: 'avatar more', title: ps.slice(shown.length).map((p) => p.name).join(', ') }, `+${ps.length - shown.length}`) : null,
    );
  }

  /**
   * refreshFlags places the name flags again, e.g. after scrolling has
   * laid out paragraphs of a long article that were only estimated.
   */
  refreshFlags() {
    const s = this.store.get();
    if (!this.view || !this.el.peerFlags.firstChild) return;
    this.peerFlags(s.live.status === 'live' ? people(s.live.users, s.live.you) : []);
  }

  // peerFlags puts each other person's name at the start of their
  // selection, in their colour.
  peerFlags(ps) {
    const box = this.el.peerFlags;
    const flags = [];
    if (this.view) {
      const host = box.offsetParent || box.parentElement;
      const hr = host.getBoundingClientRect();
      const n = this.view.map.lengthCP;
      for (const p of ps) {
        if (p.you) continue;
        for (const sel of p.selections) {
          const start = Math.max(0, Math.min(sel.start, n));
          const end = Math.max(start, Math.min(sel.end, n));
          if (end <= start) continue;
          const rect = [...this.view.liveRange(start, end).getClientRects()].find((r) => r.width > 0);
          if (!rect) continue;
          flags.push(
            h('span', { class: 'peer-flag', style: { '--c': p.color, left: `${Math.round(rect.left - hr.left)}px`, top: `${Math.round(rect.top - hr.top)}px` } }, p.name),
          );
        }
      }
    }
    fill(box, flags);
  }

  article(s) {
    const a = s.article;
    const labels = this.store.labels();
    if (this.changed('art-head', [a, a && a.title, s.articleError])) {
      if (!a) {
        fill(this.el.head, s.articleError ? h('p', { class: 'notice error' }, s.articleError, ' ', h('a', { href: '#/' }, 'Back to the list')) : h('p', { class: 'muted' }, 'Loading…'));
      } else {
        const href = safeHref(a.url);
        const meta = [a.source && h('span', {}, a.source), a.published && h('time', { datetime: a.published }, formatDate(a.published))].filter(Boolean);
        fill(
          this.el.head,
          h('h1', { class: 'title' }, a.title || 'Untitled'),
          h(
            'p',
            { class: 'byline' },
            meta.flatMap((m, i) => (i ? [h('span', { class: 'dot' }, '·'), m] : [m])),
            href ? [meta.length ? h('span', { class: 'dot' }, '·') : null, h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, new URL(href).host)] : null,
          ),
        );
      }
    }
    if (this.changed('text', [a])) {
      this.view = a ? new TextView(this.el.text, a.text) : null;
      if (!a) this.el.text.replaceChildren();
      this.hl.clear();
      this.expanded.clear();
      // The text and its highlights first; the side panel a frame later.
      this.deferPanel = !!a;
    }
    if (a) {
      this.exportMenu(this.el.exportArticle, s, a.project, exportScope(this.store.project(a.project), s.exportOpts, a), a.id);
    }
    if (this.changed('peers-hl', [this.view, s.live.users, s.live.you, s.live.status, window.innerWidth])) {
      const ps = this.view && s.live.status === 'live' ? people(s.live.users, s.live.you) : [];
      this.peerHl.paint(this.view, ps);
      this.peerFlags(ps);
    }
    if (this.changed('toolbar', [labels, s.canUndo, s.canRedo, a && a.status])) {
      fill(
        this.el.labels,
        labels.map((l) =>
          h(
            'button',
            { type: 'button', class: 'label-btn', dataset: { action: 'label', label: l.name }, title: `Label the selection ${l.name}` + (l.hotkey ? ` (${l.hotkey})` : '') },
            swatch(l.color),
            h('span', { class: 'name' }, l.name),
            l.hotkey ? kbd(l.hotkey) : null,
          ),
        ),
      );
      this.el.undo.disabled = !s.canUndo;
      this.el.redo.disabled = !s.canRedo;
    }
    this.rights(s, a);
    this.layerBar(s, a);
    // Wait for the schema: without it there is nothing to colour spans with.
    if (a && this.view && s.projects.length && this.changed('hl', [this.view, s.annRev, s.selectedId, labels, s.hidden, s.hiddenAuthors])) {
      this.hl.setLabels(labels);
      this.hl.paint(this.view, this.store.shown(), s.selectedId);
      // The side panel can wait a frame: the text comes first.
      if (this.changed('panel-due', [a, s.annRev, labels])) this.deferPanel = true;
      // Runs after this frame has painted: the mark a benchmark waits for.
      setTimeout(() => {
        performance.mark('gloss:rendered');
        if (this.deferPanel) {
          this.deferPanel = false;
          this.store.emit('panel');
        }
      }, 0);
    }
    if (!this.deferPanel && this.changed('panel', [a, s.annRev, labels, this.expanded.size, s.live.status === 'live', s.me, s.hidden, s.hiddenAuthors, s.relRev])) {
      this.panel(s, labels);
      this.memo.delete('panel-sel');
    }
    if (!this.deferPanel && this.changed('panel-sel', [s.selectedId])) {
      for (const el of this.el.panel.querySelectorAll('.ann.selected')) el.classList.remove('selected');
      if (s.selectedId != null) {
        const el = this.el.panel.querySelector(`.ann[data-id="${s.selectedId}"]`);
        if (el) el.classList.add('selected');
      }
    }
    this.popover(s, labels);
    this.relations(s);
    this.brackets(s);
  }

  // rights disables what the user may not do on the open article, saying
  // why, and hides its Export menu. The status select shows the status
  // either way.
  rights(s, a) {
    const ps = a ? { ...s, projectId: a.project } : s;
    const p = openProject(ps);
    const status = can(ps, 'set_status');
    if (this.changed('rights', [a, p, status])) {
      const role = p && p.my_role;
      this.el.status.disabled = !a || !status;
      this.el.status.title = a && !status ? whyNot('Setting the status', 'set_status', role) : '';
      this.el.doneNext.disabled = !!a && !status;
      this.el.doneNext.title = a && !status ? whyNot('Marking done', 'set_status', role) : 'Mark done and open the next article (Ctrl+Enter)';
      this.el.exportArticle.hidden = !can(ps, 'export');
    }
    // Also after a refused change, which leaves the article's status as it was.
    if (a && this.el.status.value !== a.status) this.el.status.value = a.status;
  }

  toast(s) {
    if (!this.changed('toast', [s.toast])) return;
    const t = s.toast;
    this.el.toast.className = t ? `toast show ${t.kind}` : 'toast';
    fill(
      this.el.toast,
      t ? h('span', {}, t.message) : null,
      t && t.action ? h('button', { type: 'button', class: 'toast-action', dataset: { action: 'toast-action' } }, t.action.label) : null,
      t ? h('button', { type: 'button', class: 'icon-btn', dataset: { action: 'dismiss-toast' }, 'aria-label': 'Dismiss' }, '×') : null,
    );
  }

  help(s) {
    const labels = this.store.labels().length ? this.store.labels() : (this.store.project() || { labels: [] }).labels;
    if (!this.changed('help', [s.help, labels])) return;
    this.el.help.hidden = !s.help;
    fill(
      this.el.helpLabels,
      labels.filter((l) => l.hotkey).map((l) => h('li', {}, h('span', { class: 'k' }, kbd(l.hotkey)), h('span', {}, 'label the selection ', swatch(l.color), h('strong', {}, l.name)))),
    );
  }
}

addMethods(Renderer, exportMethods, listMethods, panelMethods, popoverMethods, usersMethods, accountMethods, membersMethods, agreementMethods, assignMethods, adjudicateMethods, suggestMethods);
addMethods(Renderer, annotationsViewMethods, detailsMethods);
addMethods(Renderer, relationMethods, bracketMethods);
