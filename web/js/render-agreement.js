// render-agreement.js draws the Agreement page (Renderer's agreementPage,
// see render.js).

/** agreementMethods are Renderer's methods for the Agreement page; render.js adds them to the class. */
export const agreementMethods = {
  agreementPage(s) {
    const root = document.getElementById('agreement-view');
    if (root) root.hidden = s.route.view !== 'agreement';
  },
};
