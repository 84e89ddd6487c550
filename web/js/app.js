// app.js makes the editor's parts, one of each, for the modules that act
// on them: the store, the highlighter, the renderer, the live session and
// the undo history. main.js wires them to the page.
import { api } from './api.js';
import { Store } from './state.js';
import { Highlighter } from './highlight.js';
import { Renderer } from './render.js';
import { History } from './history.js';
import { LiveSync } from './live.js';

/** store is the one store of the editor's state. */
export const store = new Store();
/** hl paints the annotations' highlights. */
export const hl = new Highlighter();
/** renderer draws the screen from the store. */
export const renderer = new Renderer(store, hl);
/** live keeps the open article in sync with the server and the others on it. */
export const live = new LiveSync({ store, api });
/** edits is the undo history of this user's changes. */
export const edits = new History(store, live);

/**
 * HISTORY_KEY (plus the user's name) is where undo and redo outlive a
 * reload of the tab: the stacks go to sessionStorage when the page goes
 * away, per user.
 */
export const HISTORY_KEY = 'gloss:history:';

let frame = 0;
/** schedule renders the screen at the next frame (once, however often it is called). */
export function schedule() {
  if (!frame) {
    frame = requestAnimationFrame(() => {
      frame = 0;
      renderer.render();
    });
  }
}

/** fail says what went wrong in a toast. */
export function fail(err) {
  store.toast(err && err.message ? err.message : String(err));
}
