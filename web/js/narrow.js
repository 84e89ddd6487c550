// narrow.js opens and closes what narrow.css folds away on a tablet or a
// phone: the side list as a drawer over the text, and the toolbar's More
// menu. It also keeps --topbar and --toolbar at the bars' real heights,
// which grow when the bars wrap onto more lines.

/** DRAWER_MEDIA is where the side list is a drawer (narrow.css). */
export const DRAWER_MEDIA = '(max-width: 980px)';

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea, summary, [tabindex]:not([tabindex="-1"])';

/**
 * bindNarrow wires the drawer and the More menu of the article view, and
 * the count on the drawer's button to the store's annotations.
 */
export function bindNarrow({ store }) {
  const $ = (id) => document.getElementById(id);
  const drawer = $('drawer');
  const button = $('drawer-btn');
  const count = $('drawer-count');
  const backdrop = $('drawer-backdrop');
  const more = $('toolbar-more');
  const moreBtn = $('more-btn');
  const wide = window.matchMedia(DRAWER_MEDIA);

  const isOpen = () => drawer.classList.contains('open');
  let moving = 0; // the timer that ends the slide
  // The drawer is a modal dialog only while it is one on screen; on a wide
  // screen the same list is the page's side panel.
  const setDrawer = (open, { focusBack = true } = {}) => {
    if (open === isOpen()) return;
    drawer.classList.add('moving');
    clearTimeout(moving);
    moving = setTimeout(() => drawer.classList.remove('moving'), 400);
    drawer.classList.toggle('open', open);
    backdrop.hidden = !open;
    document.body.classList.toggle('drawer-open', open);
    button.setAttribute('aria-expanded', String(open));
    for (const [k, v] of Object.entries({ role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Annotations' })) {
      if (open) drawer.setAttribute(k, v);
      else drawer.removeAttribute(k);
    }
    if (open) {
      setMore(false);
      $('drawer-close').focus();
    } else if (focusBack && (drawer.contains(document.activeElement) || document.activeElement === document.body)) {
      button.focus({ preventScroll: true });
    }
  };
  const isMore = () => more.classList.contains('open');
  const setMore = (open) => {
    if (open === isMore()) return;
    more.classList.toggle('open', open);
    moreBtn.setAttribute('aria-expanded', String(open));
  };

  button.addEventListener('click', () => setDrawer(!isOpen()));
  $('drawer-close').addEventListener('click', () => setDrawer(false));
  backdrop.addEventListener('click', () => setDrawer(false));
  // Going to an annotation shows it in the text: the drawer makes way.
  drawer.addEventListener('click', (e) => {
    if (isOpen() && e.target.closest('[data-action="goto"]')) setDrawer(false, { focusBack: false });
  });
  wide.addEventListener('change', () => setDrawer(false));
  window.addEventListener('hashchange', () => {
    setDrawer(false);
    setMore(false);
  });

  moreBtn.addEventListener('click', () => setMore(!isMore()));
  // A click elsewhere closes More; one on its items (Undo, the status)
  // leaves it open for the next.
  document.addEventListener('click', (e) => {
    if (isMore() && !more.contains(e.target) && !moreBtn.contains(e.target)) setMore(false);
  });

  // Escape closes the drawer or More before the editor sees it (which
  // would drop the selection); Tab stays inside the open drawer.
  document.addEventListener(
    'keydown',
    (e) => {
      if (e.key === 'Escape' && !document.querySelector('details.menu[open]')) {
        if (isOpen()) setDrawer(false);
        else if (isMore()) {
          setMore(false);
          if (more.contains(document.activeElement)) moreBtn.focus();
        } else return;
        e.preventDefault();
        e.stopPropagation();
        return;
      }
      if (e.key === 'Tab' && isOpen()) {
        const els = [...drawer.querySelectorAll(FOCUSABLE)].filter((el) => el.getClientRects().length);
        if (!els.length) return;
        const first = els[0];
        const last = els[els.length - 1];
        if (!drawer.contains(document.activeElement)) first.focus();
        else if (e.shiftKey && document.activeElement === first) last.focus();
        else if (!e.shiftKey && document.activeElement === last) first.focus();
        else return;
        e.preventDefault();
      }
    },
    true,
  );

  let shown = -1;
  store.addEventListener('change', () => {
    const n = store.get().annotations.size;
    if (n === shown) return;
    shown = n;
    count.textContent = String(n);
    button.title = `The ${n} annotation${n === 1 ? '' : 's'} of this article`;
  });

  // What sticks under the bars (the toolbar, the side list) is placed by
  // their heights: measured, since they wrap on narrow screens.
  const root = document.documentElement.style;
  const bars = new ResizeObserver(() => {
    for (const [name, el] of [['--topbar', document.querySelector('.topbar')], ['--toolbar', document.querySelector('.toolbar')]]) {
      const h = el.offsetHeight;
      if (h) root.setProperty(name, `${h}px`);
    }
  });
  bars.observe(document.querySelector('.topbar'));
  bars.observe(document.querySelector('.toolbar'));
}
