// popover-focus.js takes the keyboard into the annotation popover and back
// out: Enter on a side-list item opens its popover with the focus in it,
// and Esc (or the popover's ×) puts the focus back where it came from, the
// item or the text's caret, rather than on the page's body.

/**
 * PopoverFocus remembers where the focus entered the popover from, and
 * keeps the popover on screen after the scroll to its annotation.
 */
export class PopoverFocus {
  constructor({ store, renderer }) {
    const pop = renderer.el.popover;
    this.pop = pop;
    this.text = renderer.el.text;
    this.panel = renderer.el.panel;
    this.back = null; // {el, id}: the element, and a side-list item's annotation id
    pop.addEventListener('focusin', (e) => {
      const from = e.relatedTarget;
      if (from instanceof Element && !pop.contains(from)) this.remember(from);
    });
    this.panel.addEventListener('click', (e) => {
      const item = e.target.closest && e.target.closest('[data-action="goto"]');
      if (item && e.detail === 0) this.enter(item); // Enter or Space, not a mouse click
    });
    pop.addEventListener('click', (e) => {
      if (e.target.closest && e.target.closest('[data-action="close-popover"]') && this.within()) this.leave();
    });
    // A popover placed before a smooth scroll to its annotation (from the
    // side list) may end up off the screen: placed again once the scroll
    // is over.
    window.addEventListener('scrollend', () => {
      const an = store.annotation(store.get().selectedId);
      if (pop.hidden || !an || !renderer.view) return;
      const r = pop.getBoundingClientRect();
      if (r.top < renderer.el.toolbar.getBoundingClientRect().bottom || r.bottom > window.innerHeight) renderer.placePopover(an);
    });
  }

  remember(el) {
    const item = el.closest('[data-action="goto"]');
    this.back = { el, id: item ? item.dataset.id : null };
  }

  /**
   * enter focuses the popover's first control once it is drawn (two frames:
   * the store's change renders on the next), coming from el.
   */
  enter(el) {
    this.remember(el);
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        if (this.pop.hidden) return;
        const first = this.pop.querySelector('select:not([disabled]), input:not([disabled]), button:not([disabled]), [href]');
        if (first) first.focus({ preventScroll: true }); // the scroll to the annotation is under way
      }),
    );
  }

  /**
   * keep puts the focus back on the popover's first control once it is
   * drawn again, when the redraw took away the control that had it
   * (Whole words goes once the span is whole): not onto the page's body.
   */
  keep() {
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        if (this.pop.hidden || this.within()) return;
        const first = this.pop.querySelector('select:not([disabled]), input:not([disabled]), button:not([disabled]), [href]');
        if (first) first.focus({ preventScroll: true });
      }),
    );
  }

  /** within reports whether the focus is in the popover. */
  within() {
    return !!document.activeElement && this.pop.contains(document.activeElement);
  }

  /**
   * leave puts the focus back where it entered the popover from: that
   * element, or the side-list item for the same annotation when the list
   * was drawn again meanwhile, or the text.
   */
  leave() {
    const b = this.back;
    this.back = null;
    let to = b && b.el.isConnected && !this.pop.contains(b.el) ? b.el : null;
    if (!to && b && b.id) to = this.panel.querySelector(`[data-action="goto"][data-id="${CSS.escape(b.id)}"]`);
    if (!to && !this.text.hidden) to = this.text;
    if (to) to.focus({ preventScroll: true });
    else if (this.within()) document.activeElement.blur();
  }
}
