// render-popover.js draws the popover of the selected annotation
// (Renderer's popover, see render.js): its label, text, edges, attribute
// fields, and the offers to label the same text elsewhere; and, from
// render-review.js, what colleagues changed in it, why it may not be
// changed, and its history. Editing controls are disabled when this user
// may not change the annotation (perm.js mayChange). Its links, and
// Link…, come from render-relations.js; it hides while a link's target is
// being chosen.
import { h, fill, truncate, oneLine } from './dom.js';
import { sameTextSpans } from './matches.js';
import { suggestions } from './suggest.js';
import { mayChange } from './perm.js';
import { reviewNotes, historySection } from './render-review.js';
import { describe } from './announce.js';
import { cutEdges, cutNote } from './word-notch.js';

/** popoverMethods are Renderer's methods for the popover; render.js adds them to the class. */
export const popoverMethods = {
  popover(s, labels) {
    const pop = this.el.popover;
    const an = s.selectedId != null ? this.store.annotation(s.selectedId) : null;
    if (!an || !this.view || s.linking) {
      if (!pop.hidden) {
        pop.hidden = true;
        pop.replaceChildren();
      }
      this.memo.delete('pop');
      return;
    }
    // Rebuild when another annotation or label is shown; otherwise only
    // refresh the values, so that a click or typing in progress survives
    // the answer to the previous change. A new annotation's temporary id
    // becoming its real one is not another annotation.
    const prev = this.memo.get('pop');
    if (prev && prev[0] !== an.id && this.store.currentId(prev[0]) === an.id) {
      prev[0] = an.id;
      pop.dataset.id = String(an.id);
    }
    // How many other places have the same text without this label: the
    // popover offers to label them all.
    const moreKey = `${an.id} ${an.label} ${an.start} ${an.end} ${s.annRev}`;
    if (this.moreKey !== moreKey) {
      this.moreKey = moreKey;
      this.more = sameTextSpans(this.view.text, this.view.map, an, this.store.sorted()).length;
    }
    const more = this.more;
    const ew = s.everywhere && s.everywhere.id === an.id ? s.everywhere : null;
    const may = mayChange(s, an);
    if (!this.changed('pop', [an.id, an.label, labels, more, ew, may, mayLabelText(s)])) {
      if (this.changed('pop-values', [an])) this.refreshPopover(an);
    } else {
      this.memo.set('pop-values', [an]);
      const focused = pop.contains(document.activeElement) ? document.activeElement.dataset.name || document.activeElement.dataset.action : null;
      const l = labels.find((x) => x.name === an.label) || { name: an.label, color: '#64748b', attrs: [] };
      const anns = this.store.sorted();
      const fields = (l.attrs || []).map((spec) => attrField(spec, an.attrs ? an.attrs[spec.name] : '', spec.type === 'text' ? suggestions(an, spec.name, anns) : [], !may));
      fill(
        pop,
        h(
          'div',
          { class: 'pop-head' },
          h(
            'select',
            { class: 'label-select', dataset: { action: 'relabel' }, 'aria-label': 'Label', style: { '--c': l.color }, disabled: !may },
            labels.map((x) => h('option', { value: x.name, selected: x.name === an.label }, x.name)),
          ),
          h('button', { type: 'button', class: 'icon-btn', dataset: { action: 'close-popover' }, title: 'Close (Esc)', 'aria-label': 'Close' }, '×'),
        ),
        h('div', { class: 'pop-review' }),
        h('blockquote', { class: 'pop-text' }, popText(an)),
        h('div', { class: 'pop-cut-box' }),
        h(
          'div',
          { class: 'pop-edges', role: 'group', 'aria-label': 'Move the span by a word' },
          h('span', { class: 'field-name' }, 'Start'),
          edgeButton('start', -1, '‹', 'One word earlier (Alt+Shift+←)', !may),
          edgeButton('start', 1, '›', 'One word later (Alt+Shift+→)', !may),
          h('span', { class: 'field-name' }, 'End'),
          edgeButton('end', -1, '‹', 'One word earlier (Shift+←)', !may),
          edgeButton('end', 1, '›', 'One word later (Shift+→)', !may),
        ),
        fields.length ? h('div', { class: 'fields' }, fields) : null,
        h('div', { class: 'pop-relations' }),
        h(
          'div',
          { class: 'pop-foot' },
          h('span', { class: 'muted small' }, an.author ? `by ${an.author}` : ''),
          more
            ? h(
                'button',
                { type: 'button', class: 'btn small', dataset: { action: 'label-all' }, title: `The same text is in ${more} more ${more === 1 ? 'place' : 'places'}: label ${more === 1 ? 'it' : 'them'} ${an.label} too (one undo takes them away)` },
                `Label ${more} more`,
              )
            : null,
          h('button', { type: 'button', class: 'btn danger small', dataset: { action: 'delete-ann' }, disabled: !may }, 'Delete'),
        ),
        mayLabelText(s) ? everywhereRow(an, ew) : null,
        h('div', { class: 'pop-history' }),
      );
      this.memo.delete('pop-review');
      this.memo.delete('pop-cut');
      this.memo.delete('pop-history');
      this.memo.delete('pop-relations');
      pop.hidden = false;
      pop.dataset.id = String(an.id);
      if (focused) {
        const el = pop.querySelector(`[data-name="${CSS.escape(focused)}"]`) || pop.querySelector(`[data-action="${CSS.escape(focused)}"]`);
        if (el) el.focus();
      }
    }
    // The notes and the history fill their own boxes, so that a note
    // arriving does not rebuild the fields under the user's typing.
    if (this.changed('pop-review', [an, s.colleague, may])) fill(pop.querySelector('.pop-review'), reviewNotes(s, an, may));
    if (this.changed('pop-cut', [an.id, an.start, an.end, may])) {
      const [s16, e16] = this.view.map.spanToUTF16(an.start, an.end);
      fill(pop.querySelector('.pop-cut-box'), cutNote(cutEdges(this.view.text, s16, e16), may));
    }
    // What a screen reader says on coming into it.
    const name = describe(an, labels.find((x) => x.name === an.label), s.me && s.me.name);
    if (pop.getAttribute('aria-label') !== name) pop.setAttribute('aria-label', name);
    if (this.changed('pop-history', [an.id, s.annHistory])) fill(pop.querySelector('.pop-history'), historySection(s, an));
    if (this.changed('pop-relations', [an, s.relRev, may, s.annRev])) this.popRelations(pop.querySelector('.pop-relations'), s, an, may);
    this.placePopover(an);
  },

  refreshPopover(an) {
    const pop = this.el.popover;
    for (const el of pop.querySelectorAll('[data-action="attr"]')) {
      if (el === document.activeElement) continue;
      const v = (an.attrs && an.attrs[el.dataset.name]) || '';
      if (el.tagName === 'SELECT' && v && ![...el.options].some((o) => o.value === v)) el.appendChild(h('option', { value: v }, v));
      if (el.value !== v) el.value = v;
    }
    const q = pop.querySelector('.pop-text');
    if (q) q.textContent = popText(an);
  },

  /**
   * placePopover puts the popover under the end of the annotation, or
   * above its start when there is no room below and there is above.
   */
  placePopover(an) {
    const pop = this.el.popover;
    const host = pop.offsetParent || pop.parentElement;
    const rects = this.view.liveRange(an.start, an.end).getClientRects();
    if (!rects.length) return;
    let r = rects[rects.length - 1];
    const hr = host.getBoundingClientRect();
    const w = pop.offsetWidth;
    const ph = pop.offsetHeight;
    const bars = this.el.toolbar.getBoundingClientRect().bottom; // the sticky bars cover what is above
    let top = r.bottom - hr.top + 10;
    if (r.bottom + 10 + ph > window.innerHeight && rects[0].top - 10 - ph > bars) {
      r = rects[0];
      top = r.top - hr.top - 10 - ph;
    }
    let left = r.left - hr.left;
    left = Math.max(0, Math.min(left, hr.width - w));
    pop.style.left = `${Math.round(left)}px`;
    pop.style.top = `${Math.round(top)}px`;
  },
};

// mayLabelText reports whether "Label it in every article…" is for this
// user (label_text); with no permission list from the server, it is offered.
function mayLabelText(s) {
  const p = (s.projects || []).find((x) => x.id === (s.article ? s.article.project : s.projectId));
  return !p || !Array.isArray(p.can) || p.can.includes('label_text');
}

function popText(an) {
  return truncate(oneLine(an.text), 160);
}

function edgeButton(edge, dir, text, title, disabled) {
  return h('button', { type: 'button', class: 'icon-btn edge', dataset: { action: 'edge', edge, dir: String(dir) }, title, 'aria-label': `${edge === 'start' ? 'Start' : 'End'}: ${title}`, disabled }, text);
}

// everywhereRow offers to label the annotation's text in every article of
// the project: a link first, then what the count found and a confirm.
function everywhereRow(an, ew) {
  if (!ew) {
    return h(
      'div',
      { class: 'pop-everywhere' },
      h('button', { type: 'button', class: 'link', dataset: { action: 'everywhere' }, title: `Find this text in every article of the project and label it ${an.label}` }, 'Label it in every article…'),
    );
  }
  if (ew.loading) return h('div', { class: 'pop-everywhere muted' }, 'Looking through the project…');
  if (ew.error) return h('div', { class: 'pop-everywhere error' }, ew.error);
  if (!ew.places) return h('div', { class: 'pop-everywhere muted' }, `Every place with this text is labelled ${an.label} already.`);
  const where = `${ew.places} ${ew.places === 1 ? 'place' : 'places'} in ${ew.articles} ${ew.articles === 1 ? 'article' : 'articles'}`;
  return h(
    'div',
    { class: 'pop-everywhere' },
    h('span', {}, `${where} not labelled ${an.label} yet.`),
    h('button', { type: 'button', class: 'btn small primary', dataset: { action: 'everywhere-apply' } }, 'Label them'),
    h('button', { type: 'button', class: 'btn small ghost', dataset: { action: 'everywhere-cancel' } }, 'Cancel'),
  );
}

// attrField is the popover's field for one attribute; a text field
// offers suggested values (suggest.js) as a datalist.
function attrField(spec, value, offered = [], disabled = false) {
  const id = `attr-${spec.name}`;
  value = value || '';
  let input;
  if (spec.type === 'enum') {
    const values = spec.values || [];
    input = h(
      'select',
      { id, dataset: { action: 'attr', name: spec.name }, disabled },
      h('option', { value: '', selected: value === '' }, '—'),
      values.map((v) => h('option', { value: v, selected: v === value }, v)),
      value && !values.includes(value) ? h('option', { value, selected: true }, value) : null,
    );
  } else {
    input = h('input', {
      id,
      type: spec.type === 'url' ? 'url' : 'text',
      value,
      placeholder: spec.type === 'url' ? 'https://' : '',
      spellcheck: spec.type === 'url' ? 'false' : null,
      autocomplete: 'off',
      list: offered.length ? `${id}-offered` : null,
      dataset: { action: 'attr', name: spec.name },
      disabled,
    });
  }
  return h(
    'label',
    { class: 'field', for: id },
    h('span', { class: 'field-name' }, spec.name),
    input,
    offered.length ? h('datalist', { id: `${id}-offered` }, offered.map((v) => h('option', { value: v }))) : null,
  );
}
