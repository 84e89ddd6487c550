// agreement.js runs the Agreement page (#/projects/ID/agreement): how far
// a project's annotators agree, read from GET /api/projects/:id/agreement.

/** loadAgreement fetches project id's agreement report into store. */
export async function loadAgreement(store, id) {
  document.title = 'Agreement · gloss';
  store.set({ agreement: { project: id } }, 'agreement');
}
