// article-details.js lets reviewers and up edit an open article's details
// (title, source, URL, published date; never its text): Edit details in
// the byline opens a small dialog, Save sends PATCH /api/articles/:id with
// the fields that changed, the server's refusal shows in the dialog, and
// the header shows the new details at once. Anyone sees who edited them
// last, quietly, in the byline. A .txt import has no URL: this is how a
// desk adds one (exports link to it).
//
// Its state is the store's `details` key: null, or {article, busy, error}
// while the dialog is open. The pure parts (the form's values from an
// article, the patch from the form, the words) are tested in Node
// (annotations-view.test.mjs); detailsMethods join the Renderer
// (render.js) and draw the byline's part and the dialog.
import { h, fill, formatDate } from './dom.js';
import { request } from './api.js';
import { can } from './perm.js';

/** mayEditDetails reports whether the user may edit article a's details (add_articles in its project). */
export function mayEditDetails(s, a) {
  return !!a && can({ ...s, projectId: a.project }, 'add_articles');
}

const DATE = /^(\d{4}-\d{2}-\d{2})(?:$|T)/;

/** dateOf is the YYYY-MM-DD a published value starts with, or '' (a date input shows no other). */
export function dateOf(published) {
  const m = DATE.exec(published || '');
  return m ? m[1] : '';
}

/** detailsForm is what the dialog's fields start with for article a. */
export function detailsForm(a) {
  return { title: a.title || '', source: a.source || '', url: a.url || '', published: dateOf(a.published) };
}

/** webAddress reports whether s is an absolute http(s) address with a host (what the server takes). */
export function webAddress(s) {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.host;
  } catch {
    return false;
  }
}

/**
 * detailsPatch compares the dialog's values v with article a: {patch,
 * error, field}, patch holding only what changed (trimmed, as the server
 * stores it). A published date left as it was keeps the time a source
 * gave with it; one the form cannot show (an import's "17 March 2023")
 * stays unless a date is picked.
 */
export function detailsPatch(a, v) {
  const patch = {};
  for (const k of ['title', 'source', 'url']) {
    const now = String(v[k] || '').trim();
    if (now !== (a[k] || '')) patch[k] = now;
  }
  if ('url' in patch && patch.url && !webAddress(patch.url)) {
    return { patch, error: 'The URL must be a web address starting with http:// or https://.', field: 'url' };
  }
  const date = String(v.published || '').trim();
  if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) return { patch, error: 'The published date must be a date (YYYY-MM-DD).', field: 'published' };
  const was = dateOf(a.published);
  if (date !== was && (date || was)) patch.published = date;
  return { patch, error: '', field: '' };
}

/** editedText says quietly who edited a's details last, and when ('' if nobody has). */
export function editedText(a) {
  if (!a || !a.updated_by) return '';
  return `Details edited by ${a.updated_by}` + (a.updated_at ? `, ${formatDate(a.updated_at)}` : '');
}

/** publishedNote explains a published value the date field cannot show ('' when it can). */
export function publishedNote(a) {
  const p = (a && a.published) || '';
  if (!p) return '';
  if (!dateOf(p)) return `Stored as “${p}”, which is not a date: pick one to replace it, or leave the field empty to keep it.`;
  if (p.length > 10) return `Stored with a time (${p}): it is kept unless you change the date.`;
  return '';
}

// ---- acting ----

/** openDetails opens the dialog for the open article. */
export function openDetails(store) {
  const a = store.get().article;
  if (a) store.set({ details: { article: a.id, busy: false, error: '', field: '' } }, 'details');
}

/** closeDetails closes the dialog. */
export function closeDetails(store) {
  if (store.get().details) store.set({ details: null }, 'details');
}

/**
 * saveDetails sends what changed in the dialog's values v. On success the
 * open article takes the server's details (and who edited them) and the
 * dialog closes; it resolves to true. A refusal stays in the dialog.
 */
export async function saveDetails(store, v, fetcher = request) {
  const s = store.get();
  const a = s.article;
  const d = s.details;
  if (!a || !d || d.busy || d.article !== a.id) return false;
  const { patch, error, field } = detailsPatch(a, v);
  if (error) {
    store.set({ details: { ...d, error, field } }, 'details');
    return false;
  }
  if (!Object.keys(patch).length) {
    store.set({ details: null }, 'details');
    return false;
  }
  store.set({ details: { ...d, busy: true, error: '', field: '' } }, 'details');
  try {
    const res = await fetcher('PATCH', `/api/articles/${encodeURIComponent(a.id)}`, patch);
    if (store.get().article !== a) return false;
    a.updated_by = res.updated_by || '';
    a.updated_at = res.updated_at || null;
    store.set({ details: null }, 'details');
    store.setArticleFields({ title: res.title, source: res.source, url: res.url, published: res.published });
    if (typeof document !== 'undefined') document.title = `${res.title || 'Untitled'} · gloss`;
    store.toast('Article details saved.', 'info');
    return true;
  } catch (err) {
    const now = store.get().details;
    if (now && now.article === d.article) store.set({ details: { ...now, busy: false, error: err.message, field: '' } }, 'details');
    return false;
  }
}

// ---- drawing ----

/** detailsMethods are Renderer's methods for the details; render.js adds them to the class. */
export const detailsMethods = {
  // articleDetails puts Edit details and who edited them last at the end
  // of the byline (render.js draws the byline; this part is added back
  // whenever it is drawn again), and opens, fills and closes the dialog.
  articleDetails(s) {
    const a = s.route.view === 'article' ? s.article : null;
    const E = this.el.details || (a ? this.detailsRoot() : null);
    if (!E) return;
    const d = s.details && a && s.details.article === a.id ? s.details : null;
    if (!d && E.dialog.open) E.dialog.close();
    if (!a) return;
    const may = mayEditDetails(s, a);
    if (this.changed('dt-line', [a, a.updated_by, a.updated_at, may])) {
      E.button.hidden = !may;
      const said = editedText(a);
      fill(E.note, said);
      E.note.hidden = !said;
      E.note.title = a.updated_at ? new Date(a.updated_at).toLocaleString() : '';
      E.wrap.hidden = !may && !said;
    }
    const byline = this.el.head.querySelector('.byline');
    if (byline && E.wrap.parentElement !== byline) byline.append(E.wrap);
    if (!this.changed('dt-dialog', [d, d && d.busy, d && d.error])) return;
    if (!d) return;
    if (!E.dialog.open) {
      const v = detailsForm(a);
      for (const [k, val] of Object.entries(v)) E.form.elements[k].value = val;
      const pn = publishedNote(a);
      fill(E.publishedNote, pn);
      E.publishedNote.hidden = !pn;
      fill(E.edited, editedText(a));
      E.dialog.showModal();
      E.form.elements.title.focus();
    }
    E.save.disabled = d.busy;
    E.save.textContent = d.busy ? 'Saving…' : 'Save';
    fill(E.error, d.error);
    E.error.hidden = !d.error;
    for (const el of E.form.querySelectorAll('input')) {
      if (d.field && el.name === d.field) el.setAttribute('aria-invalid', 'true');
      else el.removeAttribute('aria-invalid');
    }
    if (d.field) E.form.elements[d.field].focus();
  },

  // detailsRoot makes the byline's part and the dialog, and their listeners.
  detailsRoot() {
    const E = {};
    E.button = h('button', { type: 'button', class: 'link art-edit', 'aria-haspopup': 'dialog', title: 'Edit the title, source, URL and published date' }, 'Edit details');
    E.note = h('span', { class: 'art-edited' });
    E.wrap = h('span', { class: 'art-details' }, E.note, E.button);
    const input = (name, label, props = {}, hint = null) =>
      h('label', { class: 'field' }, h('span', { class: 'field-name' }, label), h('input', { name, autocomplete: 'off', ...props }), hint);
    E.publishedNote = h('span', { id: 'dd-published-note', class: 'muted small', hidden: true });
    E.error = h('p', { class: 'form-msg error', role: 'alert', hidden: true });
    E.edited = h('span', { class: 'muted small' });
    E.save = h('button', { type: 'submit', class: 'btn primary' }, 'Save');
    E.form = h(
      'form',
      { class: 'details-form', novalidate: true },
      h('header', {}, h('h2', { id: 'dd-title' }, 'Article details'), h('button', { type: 'button', class: 'icon-btn', dataset: { dd: 'close' }, 'aria-label': 'Close' }, '×')),
      input('title', 'Title', { type: 'text', maxlength: '1000' }),
      input('source', 'Source', { type: 'text', maxlength: '1000', placeholder: 'e.g. reuters.com' }),
      input('url', 'URL', { type: 'url', inputmode: 'url', spellcheck: 'false', placeholder: 'https://…', 'aria-describedby': 'dd-url-hint' }, h('span', { id: 'dd-url-hint', class: 'muted small' }, 'Where the article was published. Exports link to it (a ClaimReview’s appearance).')),
      input('published', 'Published', { type: 'date', 'aria-describedby': 'dd-published-note' }, E.publishedNote),
      E.error,
      h('footer', {}, E.edited, h('span', { class: 'spacer' }), h('button', { type: 'button', class: 'btn ghost', dataset: { dd: 'close' } }, 'Cancel'), E.save),
    );
    E.dialog = h('dialog', { id: 'details-dialog', class: 'help details-dialog', 'aria-labelledby': 'dd-title' }, E.form);
    document.body.appendChild(E.dialog);
    this.el.details = E;

    const store = this.store;
    E.button.addEventListener('click', () => openDetails(store));
    E.form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = Object.fromEntries(['title', 'source', 'url', 'published'].map((k) => [k, E.form.elements[k].value]));
      // The byline is drawn again with the new details.
      if (await saveDetails(store, v)) this.memo.delete('art-head');
    });
    E.form.addEventListener('click', (e) => {
      if (e.target.closest('[data-dd="close"]')) closeDetails(store);
    });
    E.form.addEventListener('input', (e) => e.target.removeAttribute && e.target.removeAttribute('aria-invalid'));
    // Escape closes the dialog (the browser's cancel), and nothing else:
    // the editor's own Escape would drop the selected annotation too.
    E.dialog.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') e.stopPropagation();
    });
    E.dialog.addEventListener('close', () => {
      closeDetails(store);
      if (E.button.isConnected && !E.button.hidden) E.button.focus();
    });
    // A click on the backdrop closes it: pressed and let go outside the
    // dialog's box (not a drag out of a field, not its padding).
    const outside = (e) => {
      const r = E.dialog.getBoundingClientRect();
      return e.target === E.dialog && (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom);
    };
    let downOutside = false;
    E.dialog.addEventListener('mousedown', (e) => (downOutside = outside(e)));
    E.dialog.addEventListener('click', (e) => {
      if (downOutside && outside(e)) closeDetails(store);
      downOutside = false;
    });
    return E;
  },
};
