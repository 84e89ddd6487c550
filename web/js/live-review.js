// live-review.js holds what LiveSync (live.js) keeps so that nobody's
// work vanishes unseen: who set each field of an annotation (as far as
// this page saw it happen), the versions its own queued ops expect, and
// the note shown in the popover when a colleague changes a field of the
// annotation this user has open.
import { diff } from './ann-fields.js';

/** reviewMethods are LiveSync's methods for the above; live.js adds them to the class. */
export const reviewMethods = {
  /**
   * whoSet returns who set field f (e.g. 'attrs.verdict') of annotation id
   * to its current value, when this page saw it happen; null otherwise.
   */
  whoSet(id, f) {
    const m = this.whoSetFields.get(id);
    return (m && m.get(f)) || null;
  },

  _setBy(id, old, cur, who) {
    if (!who) return;
    let m = this.whoSetFields.get(id);
    if (!m) this.whoSetFields.set(id, (m = new Map()));
    for (const c of diff(old, cur)) m.set(c.field, who);
  },

  // _confirmed is the server's state of annotation id as this page knows
  // it (without this page's pending ops).
  _confirmed(id) {
    return this.base.has(id) ? this.base.get(id) : this.store.annotation(id);
  },

  // _ackedOwn runs when the server acknowledged one of this page's ops on
  // annotation id, which was prev before it. The ops queued after it on
  // the same annotation were made over what this page showed, which
  // included this op: if nothing else reached the annotation in between
  // (prev is still what they saw), they expect the version it made. When
  // something else did, they keep the older version and a conditional
  // one is refused: it was made without seeing that change.
  _ackedOwn(id, prev, m) {
    // Over REST the ack has no op-log version; the annotation has its own.
    const v = m.version || (m.annotation && m.annotation.version) || 0;
    const was = prev ? prev.version || 0 : 0;
    if (v > was) {
      for (const o of this.queue.forId(id)) if (o.seen === was) o.seen = v;
    }
    const now = this._confirmed(id);
    if (m.action !== 'delete' && now) this._setBy(id, prev, now, this.me ? this.me.name : '');
  },

  // _noteRemote runs for every committed op this page did not send (old:
  // the annotation before it). It remembers who set which field and, when
  // a colleague changed the annotation this user has open, says so: in the
  // popover (which field, old → new, who) or, for a delete, in a toast.
  // open is the id of the annotation that was open before op.
  _noteRemote(op, old, open) {
    const an = op.annotation;
    if (!an) return;
    const me = this.me ? this.me.name : '';
    if (op.action === 'delete') {
      this.whoSetFields.delete(an.id);
      if (op.author && op.author !== me && old && open === an.id) {
        this.store.toast(`${op.author} deleted the annotation you had open`, 'info');
      }
      return;
    }
    const cur = this._confirmed(an.id);
    const changes = old && cur ? diff(old, cur) : [];
    const mineBefore = new Map(changes.map((c) => [c.field, this._wasMine(an.id, c.field, old, me)]));
    this._setBy(an.id, old, cur, op.author);
    if (!op.author || op.author === me || !changes.length) return;
    if (open !== an.id) return;
    const note = this.store.get().colleague;
    const kept = note && note.id === an.id ? note.changes : [];
    const byField = new Map(kept.map((c) => [c.field, c]));
    for (const c of changes) {
      const had = byField.get(c.field);
      // The first old value stays: it is what this user had before.
      const old1 = had ? had.old : c.old;
      if (old1 === c.new) byField.delete(c.field);
      else byField.set(c.field, { field: c.field, old: old1, new: c.new, who: op.author, mine: had ? had.mine : mineBefore.get(c.field) });
    }
    this.store.set({ colleague: byField.size ? { id: an.id, changes: [...byField.values()] } : null }, 'colleague');
  },

  // _wasMine reports whether this user set field f's value in old: as seen
  // here, or else (a page loaded since) when they made the last change.
  _wasMine(id, f, old, me) {
    if (!me) return false;
    const by = this.whoSet(id, f);
    if (by) return by === me;
    return !!old && (old.updated_by || old.author) === me;
  },
};
