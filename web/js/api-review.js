// api-review.js has the API calls of the review features that api.js
// does not offer (api.js is shared with other work): an annotation's
// history, and a DELETE that is conditional and carries its op_id.
import { request } from './api.js';

const enc = encodeURIComponent;

/** annotationHistory lists the changes of annotation id, oldest first. */
export function annotationHistory(article, id) {
  return request('GET', `/api/articles/${enc(article)}/annotations/${enc(id)}/history`);
}

/**
 * deleteAnnotationIf deletes annotation id unless it changed since version
 * ifVersion (0: whatever it is now): 409 then, and nothing is deleted.
 */
export function deleteAnnotationIf(article, id, ifVersion, opId) {
  const q = new URLSearchParams();
  if (ifVersion) q.set('if_version', String(ifVersion));
  if (opId) q.set('op_id', opId);
  const s = q.toString();
  return request('DELETE', `/api/articles/${enc(article)}/annotations/${enc(id)}${s ? '?' + s : ''}`);
}
