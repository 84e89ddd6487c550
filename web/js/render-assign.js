// render-assign.js draws what the editor shows of independent annotation
// (Renderer's layerBar, see render.js; issue 10). An annotator sees their
// layer's status and Submit in the toolbar, "Submit & next" for "Mark done
// & next", and, once their layer is submitted or the article reviewed, a
// banner saying why the text is read-only (its label buttons and undo are
// disabled with that reason). A reviewer sees the annotators' layers above
// the text with Reopen for each submitted one, Review, and Mark reviewed
// or Reopen article. The Submit question is a modal dialog.
import { h, fill } from './dom.js';
import { articleProject, layerLock } from './perm.js';
import { ARTICLE_STATUSES, LAYER_STATUS, independent, assignees, progress } from './assign.js';

const when = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

// at shows an RFC 3339 time as a short date and time ('' when unset).
function at(t) {
  const ms = Date.parse(t || '');
  return Number.isNaN(ms) || ms <= 0 ? '' : when.format(new Date(ms));
}

const DONE_NEXT = {
  shared: ['Mark done & next', 'Mark done and open the next article (Ctrl+Enter)'],
  submit: ['Submit & next', 'Submit your annotations of this article and open the next one handed to you (Ctrl+Enter)'],
  next: ['Next article', 'Open the next article handed to you (Ctrl+Enter)'],
  review: ['Mark reviewed & next', 'Mark this article reviewed (locked for its annotators) and open the next submitted one (Ctrl+Enter)'],
};

// lockControl disables el (or not) and, when why is given, titles it why;
// without why it gets its own title back.
function lockControl(el, why, disabled) {
  if (why) {
    if (el.dataset.ownTitle === undefined) el.dataset.ownTitle = el.title;
    el.title = why;
  } else if (el.dataset.ownTitle !== undefined) {
    el.title = el.dataset.ownTitle;
    delete el.dataset.ownTitle;
  }
  el.disabled = disabled;
}

/** assignMethods are Renderer's methods for independent annotation in the editor; render.js adds them. */
export const assignMethods = {
  /** layerBar draws the open article's layer controls; it runs after rights(). */
  layerBar(s, a) {
    const $ = (id) => (this.el[id] ||= document.getElementById(id));
    const p = a ? articleProject(s) : null;
    const ind = independent(p);
    const reviewer = ind && (p.can || []).includes('review');
    const annotator = ind && !reviewer;
    const lock = layerLock(s);
    const labels = this.store.labels();
    const offline = s.live.status === 'offline' || s.live.status === 'reconnecting';
    if (this.changed('status-opts', [ind])) {
      const cur = this.el.status.value;
      fill(this.el.status, ARTICLE_STATUSES[ind ? 'independent' : 'shared'].map(([v, name]) => h('option', { value: v }, name)));
      this.el.status.value = a ? a.status : cur;
    }
    if (a && this.el.status.value !== a.status) this.el.status.value = a.status;
    if (!this.changed('layer-bar', [a, a && a.status, a && a.mine, a && a.layers, p, lock, offline, s.me, labels, s.canUndo, s.canRedo, annotator && s.annRev])) {
      this.submitDialog(s);
      return;
    }
    const status = $('layer-status');
    const submit = $('submit-layer');
    status.hidden = !annotator;
    submit.hidden = !annotator;
    this.el.status.hidden = annotator;
    if (annotator) {
      // A first span starts the layer here before the server's status says so.
      let mine = (a.mine && a.mine.status) || 'none';
      if ((mine === 'none' || mine === 'assigned') && this.store.sorted().length) mine = 'in_progress';
      const locked = a.status === 'reviewed' ? 'Reviewed — locked' : mine === 'submitted' ? 'Submitted — locked' : '';
      status.className = `layer-status is-${locked ? 'locked' : mine}`;
      status.title = lock || 'Only you see your annotations of this article until a reviewer compares them';
      fill(status, locked || `Your layer · ${LAYER_STATUS[mine].toLowerCase()}`);
      lockControl(submit, lock || (offline ? 'You are offline: submit once your changes are saved' : ''), !!lock || offline);
      if (!lock && !offline) submit.title = 'Submit your annotations of this article: then they are locked';
    }
    const [text, title] = DONE_NEXT[reviewer ? 'review' : annotator ? (lock ? 'next' : 'submit') : 'shared'];
    const dn = this.el.doneNext;
    dn.textContent = text;
    if (ind) {
      // rights() disabled it for annotators (no set_status): here it submits instead.
      const handed = !annotator || assignees(p).includes(s.me ? s.me.name : '');
      dn.disabled = annotator && !handed && !!lock;
      dn.title = dn.disabled ? 'No article is handed to you in this project: a manager chooses who annotates' : title;
    }
    for (const b of this.el.labels.querySelectorAll('.label-btn')) lockControl(b, lock, !!lock);
    lockControl(this.el.undo, lock, !!lock || !s.canUndo);
    lockControl(this.el.redo, lock, !!lock || !s.canRedo);
    this.el.articleView.classList.toggle('locked', !!lock);
    this.layerNote(s, a, p, { reviewer, annotator, lock });
    this.submitDialog(s);
  },

  // layerNote is the note above the article's title: for an annotator why
  // it is read-only, or that their work is theirs alone until submitted;
  // for a reviewer every annotator's layer.
  layerNote(s, a, p, { reviewer, annotator, lock }) {
    const note = (this.el.layerNote ||= document.getElementById('layer-note'));
    note.hidden = !a || (!reviewer && !annotator);
    if (note.hidden) return fill(note);
    if (annotator) {
      note.className = lock ? 'layer-note notice locked' : 'layer-note quiet';
      if (!lock) return fill(note, h('p', {}, 'Independent annotation: only you see your annotations of this article. Submit them when you are done with it.'));
      const sub = a.mine && a.mine.status === 'submitted' ? at(a.mine.submitted_at) : '';
      const handed = assignees(p).includes(s.me ? s.me.name : '');
      return fill(
        note,
        h('p', {}, h('strong', {}, 'Read-only. '), lock, sub ? ` (Submitted ${sub}.)` : ''),
        handed ? h('button', { type: 'button', class: 'btn small primary', dataset: { action: 'next-assigned' } }, 'Next article') : null,
      );
    }
    const pr = progress(a, p);
    note.className = 'layer-note notice review';
    return fill(
      note,
      h('p', { class: 'layer-head' }, h('strong', {}, 'Independent annotation'), ' · you are editing the gold layer, what the project exports. ', h('span', { class: 'progress', title: pr.detail }, pr.text), '.'),
      pr.layers.length
        ? h(
            'ul',
            { class: 'layer-rows inline', 'aria-label': 'Annotators’ layers' },
            pr.layers.map((l) =>
              h(
                'li',
                { dataset: { name: l.name } },
                h('span', { class: 'layer-name' }, l.name),
                h('span', { class: `badge status-${l.status === 'assigned' ? 'new' : l.status}`, title: l.status === 'submitted' && l.submitted_at ? `Submitted ${at(l.submitted_at)}` : null }, LAYER_STATUS[l.status] || l.status),
                h('span', { class: 'muted small' }, `${l.annotations} span${l.annotations === 1 ? '' : 's'}`),
                l.status === 'submitted'
                  ? h('button', { type: 'button', class: 'btn small', dataset: { action: 'layer-reopen', id: String(a.id), name: l.name }, title: `Give ${l.name} their annotations back to change and submit again` }, 'Reopen')
                  : null,
              ),
            ),
          )
        : h('p', { class: 'muted small' }, 'No annotator has this article yet.'),
      h(
        'div',
        { class: 'layer-acts' },
        a.status === 'submitted' ? h('a', { class: 'btn small', href: `#/articles/${a.id}/review`, title: 'Compare the annotators’ layers and decide what goes into gold' }, 'Review') : null,
        a.status === 'reviewed'
          ? h('button', { type: 'button', class: 'btn small', dataset: { action: 'article-reopen', id: String(a.id) }, title: 'No longer reviewed: annotators whose layers are not submitted can change them again' }, 'Reopen article')
          : h('button', { type: 'button', class: 'btn small', dataset: { action: 'article-reviewed', id: String(a.id) }, title: 'Done reviewing: locked for its annotators' }, 'Mark reviewed'),
      ),
    );
  },

  // submitDialog opens the question "Submit …?" while s.submitAsk says so.
  submitDialog(s) {
    const d = (this.el.submitAsk ||= document.getElementById('submit-ask'));
    if (!d.dataset.bound) {
      d.dataset.bound = '1';
      // Esc drops the question it was opened for. ('close' comes a
      // moment after closing: by then a new question may be asked.)
      d.addEventListener('close', () => {
        if (this.store.get().submitAsk === this.askShown) this.store.set({ submitAsk: null }, 'submit-ask');
      });
      // Keys in the question are its own: a label hotkey must not label the text behind it.
      d.addEventListener('keydown', (e) => e.stopPropagation());
    }
    const ask = s.submitAsk;
    if (!this.changed('submit-ask', [ask])) return;
    this.askShown = ask;
    if (!ask) {
      if (d.open) d.close();
      return;
    }
    const n = this.store.sorted().length;
    fill(
      document.getElementById('submit-ask-count'),
      n ? `You marked ${n} span${n === 1 ? '' : 's'} in it.` : 'You marked nothing in it: submitting says there is nothing to mark.',
    );
    const yes = document.getElementById('submit-yes');
    yes.textContent = ask.next ? 'Submit & next' : 'Submit';
    if (!d.open) d.showModal();
    yes.focus();
  },
};
