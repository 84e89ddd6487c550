// keys.js maps key presses to editor actions. keyAction is pure (an event
// and a little context in, an action out) so it can be tested without a
// browser; bindKeys installs it on the document.

/** isEditable reports whether el takes typed text itself. */
export function isEditable(el) {
  if (!el || !el.tagName) return false;
  const t = el.tagName.toLowerCase();
  if (t === 'textarea' || t === 'select') return true;
  if (t === 'input') {
    const type = (el.type || 'text').toLowerCase();
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'color', 'range'].includes(type);
  }
  return !!el.isContentEditable;
}

/**
 * keyAction returns what a keydown means, or null when the editor should
 * let the browser have it.
 *
 * ctx: {view: 'list'|'article', editing: bool (focus in a field),
 *       onControl: bool (focus on a button or link),
 *       labels: [{name, hotkey}], hasSelection: bool, selectedId,
 *       overlay: bool (popover or help open)}
 *
 * Actions: {type: 'undo'|'redo'|'help'|'escape'|'delete'|'done-next'}
 *          {type: 'step', by: 1|-1} (`]` next annotation, `[` previous)
 *          {type: 'edit'} (Enter with an annotation selected, or just made
 *          with a label key (ctx.justMade): into its fields)
 *          {type: 'resize', edge: 'start'|'end', dir: 1|-1} (Shift+arrows move
 *          the selected annotation's end by a word, Alt+Shift+arrows its start)
 *          {type: 'label', label}
 *          {type: 'link'} (`r` with an annotation selected, unless a label
 *          has r as its hotkey: link it to another, relations.js)
 *          {type: 'snap'} (`w` with an annotation selected, or focused in
 *          the side list (ctx.focusedId), unless a label has w as its
 *          hotkey: widen it to whole words, word-notch.js)
 */
export function keyAction(e, ctx) {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key || '';
  if (key === 'Escape') return { type: 'escape' };
  if (ctx.view !== 'article') {
    if (!ctx.editing && !mod && !e.altKey && key === '?') return { type: 'help' };
    return null;
  }
  if (mod && !e.altKey) {
    const k = key.toLowerCase();
    if (ctx.editing) return null; // the field's own undo
    if (k === 'z') return { type: e.shiftKey ? 'redo' : 'undo' };
    if (k === 'y' && !e.shiftKey) return { type: 'redo' };
    if (key === 'Enter') return { type: 'done-next' };
    return null;
  }
  if (ctx.editing || e.isComposing) return null;
  if (e.shiftKey && ctx.selectedId != null && !ctx.hasSelection && (key === 'ArrowRight' || key === 'ArrowLeft')) {
    return { type: 'resize', edge: e.altKey ? 'start' : 'end', dir: key === 'ArrowRight' ? 1 : -1 };
  }
  if (e.altKey) return null;
  if (key === '?') return { type: 'help' };
  if ((key === 'Delete' || key === 'Backspace') && ctx.selectedId != null) return { type: 'delete' };
  if (key === 'Enter' && !e.shiftKey && !ctx.onControl && (ctx.selectedId != null || ctx.justMade)) return { type: 'edit' };
  if (key.length === 1 && !mod) {
    const k = key.toLowerCase();
    const l = (ctx.labels || []).find((x) => x.hotkey && x.hotkey === k);
    if (l && (ctx.hasSelection || ctx.selectedId != null)) return { type: 'label', label: l.name };
    if (k === 'r' && !l && !e.shiftKey && ctx.selectedId != null) return { type: 'link' };
    if (k === 'w' && !l && !e.shiftKey && (ctx.selectedId != null || ctx.focusedId != null)) return { type: 'snap' };
  }
  if (key === ']') return { type: 'step', by: 1 };
  if (key === '[') return { type: 'step', by: -1 };
  return null;
}

/**
 * bindKeys calls handle(action, event) for every key press that means
 * something, with ctx() supplying the context at that moment.
 */
export function bindKeys(ctx, handle, target = document) {
  target.addEventListener('keydown', (e) => {
    if (e.defaultPrevented) return;
    const c = ctx();
    c.editing = isEditable(e.target);
    // Enter on a focused button or link is that control's.
    c.onControl = !!(e.target && e.target.closest && e.target.closest('button, a[href], summary, [role="button"]'));
    const a = keyAction(e, c);
    if (!a) return;
    if (handle(a, e) !== false) e.preventDefault();
  });
}
