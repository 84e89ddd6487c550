// api.js is the one way the editor talks to the server: JSON in and out,
// and every failure thrown as an ApiError carrying the server's message.

/** ApiError is a failed request; message is meant for people. */
export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** loginURL is where to send someone whose session ran out. */
export function loginURL(loc = window.location) {
  const next = loc.pathname + loc.search + loc.hash;
  return next === '/' ? '/login' : '/login?next=' + encodeURIComponent(next);
}

/** safeNext returns next when it is a path on this site, else "/". */
export function safeNext(next) {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return '/';
  }
  return next;
}

/**
 * request sends one API call. body may be a plain object (sent as JSON) or
 * FormData. On 401 it sends the browser to the login page unless
 * opts.noRedirect is set; either way it throws.
 */
export async function request(method, path, body, opts = {}) {
  const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (err) {
    throw new ApiError('The server cannot be reached. Check your connection and try again.', 0);
  }
  if (res.status === 204) return null;
  const type = res.headers.get('Content-Type') || '';
  let data = null;
  if (type.includes('application/json')) {
    try {
      data = await res.json();
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    if (res.status === 401 && !opts.noRedirect) {
      window.location.assign(loginURL());
    }
    const msg = (data && typeof data.error === 'string' && data.error) || `${res.status} ${res.statusText || 'request failed'}`;
    throw new ApiError(msg, res.status);
  }
  return data;
}

const enc = encodeURIComponent;

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

/** exportURL is the download link of an export with the given options. */
export function exportURL({ format, project, done, clean, articles }) {
  return '/api/export' + query({ format, project, status: done ? 'done' : '', clean: clean ? 'true' : '', articles: articles || '' });
}

/** annotationHistory lists the changes of annotation id, oldest first. */
export function annotationHistory(article, id) {
  return request('GET', `/api/articles/${enc(article)}/annotations/${enc(id)}/history`);
}

/**
 * deleteAnnotationIf deletes annotation id unless it changed since version
 * ifVersion (0: whatever it is now): 409 then, and nothing is deleted.
 */
export function deleteAnnotationIf(article, id, ifVersion, opId) {
  return request('DELETE', `/api/articles/${enc(article)}/annotations/${enc(id)}` + query({ if_version: ifVersion || '', op_id: opId || '' }));
}

/** api lists the server's endpoints the editor uses. */
export const api = {
  login: (name, password) => request('POST', '/api/login', { name, password }, { noRedirect: true }),
  logout: () => request('POST', '/api/logout', undefined, { noRedirect: true }),
  me: (opts) => request('GET', '/api/me', undefined, opts),
  setup: (token, name, password) => request('POST', '/api/setup', { token, name, password }, { noRedirect: true }),

  projects: () => request('GET', '/api/projects'),
  createProject: (name, labels) => request('POST', '/api/projects', { name, labels }),
  articles: ({ project, status, q, offset, limit }) =>
    request('GET', '/api/articles' + query({ project, status, q, offset, limit })),
  article: (id) => request('GET', `/api/articles/${enc(id)}`),
  setStatus: (id, status) => request('PATCH', `/api/articles/${enc(id)}`, { status }),
  next: (id, project) => request('GET', `/api/articles/${enc(id)}/next` + query({ project })),
  // Independent projects: the caller's next article by assignment (404
  // when none is left), submitting one's layer, a reviewer reopening one.
  assign: (project) => request('GET', `/api/projects/${enc(project)}/next`),
  submitLayer: (id) => request('POST', `/api/articles/${enc(id)}/submit`),
  reopenLayer: (id, annotator) => request('POST', `/api/articles/${enc(id)}/reopen`, { annotator }),

  annotations: (article) => request('GET', `/api/articles/${enc(article)}/annotations`),
  createAnnotation: (article, a) => request('POST', `/api/articles/${enc(article)}/annotations`, a),
  updateAnnotation: (article, id, patch) =>
    request('PATCH', `/api/articles/${enc(article)}/annotations/${enc(id)}`, patch),
  // Links between two annotations (relations.js); DELETE carries op_id so
  // that a retry is recognised.
  relations: (article) => request('GET', `/api/articles/${enc(article)}/relations`),
  createRelation: (article, body) => request('POST', `/api/articles/${enc(article)}/relations`, body),
  deleteRelation: (article, id, opId) => request('DELETE', `/api/articles/${enc(article)}/relations/${enc(id)}` + query({ op_id: opId || '' })),
  // Count (apply false) or label every place in a project where a text occurs.
  labelText: (project, body) => request('POST', `/api/projects/${enc(project)}/label-text`, body),
  deleteAnnotations: (list) => request('POST', '/api/annotations/delete', { annotations: list }),
  // A plain GET on the live endpoint: 426 when sockets would be served,
  // 401/403/404 when not (live.js asks after a socket fails to open).
  liveProbe: (article) => request('GET', `/api/articles/${enc(article)}/live`),

  // Teams: users (admins), one's own password and API tokens, a project's
  // members and settings (managers).
  users: () => request('GET', '/api/users'),
  createUser: (u) => request('POST', '/api/users', u),
  updateUser: (name, patch) => request('PATCH', `/api/users/${enc(name)}`, patch),
  deleteUser: (name) => request('DELETE', `/api/users/${enc(name)}`),
  tokens: () => request('GET', '/api/tokens'),
  createToken: (name, ttl) => request('POST', '/api/tokens', { name, ttl }),
  revokeToken: (id) => request('DELETE', `/api/tokens/${enc(id)}`),
  members: (project) => request('GET', `/api/projects/${enc(project)}/members`),
  setMembers: (project, list) => request('PUT', `/api/projects/${enc(project)}/members`, list),
  updateProject: (project, patch) => request('PATCH', `/api/projects/${enc(project)}`, patch),

  importFiles: (files, project) => {
    const fd = new FormData();
    if (project != null) fd.append('project', String(project));
    for (const f of files) fd.append('files', f, f.name);
    return request('POST', '/api/import', fd);
  },
};
