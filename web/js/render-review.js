// render-review.js draws the popover's parts about other people's work
// (render-popover.js places them): the note that a colleague changed a
// field of the open annotation, with "Put mine back"; the line saying why
// this user may not change it; and the History section.
import { h } from './dom.js';
import { fieldName, showValue, valueOf } from './ann-fields.js';
import { whyNot } from './perm.js';
import { describeRelationChange } from './relations.js';

/**
 * reviewNotes returns the popover's notes about annotation an: why it
 * may not be changed (may false), and what colleagues changed in it
 * while it was open (state.colleague) and still holds.
 */
export function reviewNotes(s, an, may) {
  const out = [];
  if (!may) out.push(h('p', { class: 'pop-perm', role: 'note' }, whyNot(an, s)));
  const note = s.colleague && s.colleague.id === an.id ? s.colleague : null;
  // A change shows while the field still holds the colleague's value:
  // once someone (this user, say) changed it again, it is old news.
  const live = note ? note.changes.filter((c) => valueOf(an, c.field) === c.new) : [];
  if (live.length) {
    const mine = live.some((c) => c.mine);
    out.push(
      h(
        'div',
        { class: 'pop-colleague', role: 'status' },
        h(
          'ul',
          {},
          live.map((c) =>
            h(
              'li',
              {},
              h('strong', {}, c.who),
              ` changed ${fieldName(c.field)}: `,
              h('span', { class: 'was' }, showValue(c.old)),
              ' → ',
              h('span', { class: 'now' }, showValue(c.new)),
            ),
          ),
        ),
        h(
          'div',
          { class: 'pop-colleague-actions' },
          mine && may
            ? h('button', { type: 'button', class: 'btn small primary', dataset: { action: 'put-mine-back' }, title: 'Set the fields back to your values (refused if it changed again meanwhile)' }, 'Put mine back')
            : null,
          h('button', { type: 'button', class: 'btn small ghost', dataset: { action: 'dismiss-colleague' } }, mine && may ? `Keep ${live[0].who}'s` : 'OK'),
        ),
      ),
    );
  }
  return out;
}

/** historySection is the popover's History: a toggle, and when open the changes, newest first. */
export function historySection(s, an, now = Date.now()) {
  if (an.id < 0) return null; // not saved yet: no history
  const st = s.annHistory && s.annHistory.id === an.id ? s.annHistory : null;
  const open = !!(st && st.open);
  const toggle = h(
    'button',
    { type: 'button', class: 'link pop-history-toggle', dataset: { action: 'ann-history' }, 'aria-expanded': open ? 'true' : 'false' },
    open ? '▾ History' : '▸ History',
  );
  if (!open) return toggle;
  let body;
  if (st.error) body = h('p', { class: 'error small' }, st.error);
  else if (!st.entries) body = h('p', { class: 'muted small' }, 'Loading…');
  else {
    body = h(
      'ol',
      { class: 'pop-history-list', reversed: true },
      [...st.entries].reverse().map((e) => {
        const d = describeEntry(e, an, (id) => (s.annotations ? s.annotations.get(id) || null : null));
        return h(
          'li',
          {},
          h(
            'div',
            { class: 'hist-head' },
            h('span', { class: 'hist-who' }, e.who || 'someone'),
            ' · ',
            h('time', { datetime: e.at, title: e.at ? new Date(e.at).toLocaleString() : '' }, relTime(e.at, now)),
          ),
          h('div', { class: 'hist-what' }, d.fields.length ? `${d.verb} ${d.fields.join(e.action === 'create' ? ', ' : '; ')}` : d.verb),
        );
      }),
    );
  }
  return [toggle, body];
}

/**
 * describeEntry says what one history entry ({action, changes}) did:
 * {verb, fields}: "changed" and ["verdict: unverified → misleading"], or
 * "created it:" and ["CLAIM", "verdict unverified"] (where it sits, start
 * and end, is not spelled out: the text shows it).
 */
export function describeEntry(e, self = null, annotation = undefined) {
  const ch = e.changes || {};
  if (ch.relation) return describeRelationChange(ch.relation, self ? self.id : null, annotation); // a link made or removed
  const keys = Object.keys(ch).sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  if (e.action === 'create') {
    const label = ch.label ? ch.label.new : '';
    const attrs = keys.filter((k) => k.startsWith('attrs.')).map((k) => `${fieldName(k)} ${showValue(ch[k].new)}`);
    return { verb: 'created it:', fields: [label, ...attrs].filter(Boolean) };
  }
  if (e.action === 'delete') return { verb: 'deleted it', fields: [] };
  const fields = keys.map((k) => `${k === 'start' || k === 'end' ? `moved the ${k}` : fieldName(k)}: ${showValue(ch[k].old)} → ${showValue(ch[k].new)}`);
  return { verb: 'changed', fields };
}

function order(k) {
  return k === 'label' ? 0 : k === 'start' ? 1 : k === 'end' ? 2 : 3;
}

/** relTime says how long ago an RFC 3339 time was: "just now", "5 min ago", "3 h ago", "2 days ago", or the date. */
export function relTime(iso, now = Date.now()) {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const hrs = Math.round(m / 60);
  if (hrs < 24) return `${hrs} h ago`;
  const d = Math.round(hrs / 24);
  if (d < 14) return d === 1 ? 'yesterday' : `${d} days ago`;
  return new Date(t).toISOString().slice(0, 10);
}
