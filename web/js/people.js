// people.js holds the pure parts of the Users page, My account and the
// Members dialog: what a refused control says, password checks, token
// expiry choices, member lists. No DOM and no store, so node tests them.

/**
 * NEEDS is the least project role that holds each permission (the rows of
 * model.Grants in storage/model/perm.go): what a disabled control names.
 */
export const NEEDS = {
  view: 'annotator',
  annotate: 'annotator',
  edit_others: 'reviewer',
  set_status: 'reviewer',
  review: 'reviewer',
  add_articles: 'reviewer',
  export: 'reviewer',
  label_text: 'reviewer',
  edit_project: 'manager',
  manage_members: 'manager',
  keep_authors: 'admin',
};

/**
 * whyNot says why someone with role myRole may not do what (a phrase such
 * as "Marking done") for lack of perm: the title of a disabled control.
 */
export function whyNot(what, perm, myRole) {
  const need = NEEDS[perm] || 'manager';
  const role = need === 'admin' ? 'an admin' : `the ${need} role in this project`;
  const you = myRole ? ` (you are ${myRole === 'admin' ? 'an admin' : myRole})` : '';
  return `${what} takes ${role}${you}`;
}

/** PROJECT_ROLES are a member's roles, least first, with what each may do. */
export const PROJECT_ROLES = [
  ['annotator', 'Annotator', 'annotates; edits their own annotations'],
  ['reviewer', 'Reviewer', 'also edits anyone’s, sets status, imports, exports'],
  ['manager', 'Manager', 'also edits the labels and the members'],
];

/** MIN_PASSWORD and MAX_PASSWORD_BYTES are the server's limits (service.HashPassword). */
export const MIN_PASSWORD = 8;
export const MAX_PASSWORD_BYTES = 72;

/**
 * checkPassword returns what is wrong with a new password typed twice
 * (again undefined: typed once), or '' when it will do.
 */
export function checkPassword(pw, again) {
  if (!pw) return 'Type a password.';
  if ([...pw].length < MIN_PASSWORD) return `The password must have at least ${MIN_PASSWORD} characters.`;
  if (new TextEncoder().encode(pw).length > MAX_PASSWORD_BYTES) return `The password must have at most ${MAX_PASSWORD_BYTES} bytes.`;
  if (again !== undefined && pw !== again) return 'The two new passwords differ.';
  return '';
}

/** TOKEN_EXPIRY are the expiry choices for a new token: [ttl, name]; '' never expires. */
export const TOKEN_EXPIRY = [
  ['', 'Never'],
  ['720h', 'In 30 days'],
  ['2160h', 'In 90 days'],
  ['8760h', 'In 1 year'],
];

const DAY = 24 * 3600 * 1000;

/** expiresText says when a token expires (expires: RFC 3339 or empty), seen at now (ms). */
export function expiresText(expires, now = Date.now()) {
  if (!expires || expires.startsWith('0001-')) return 'Never';
  const t = Date.parse(expires);
  if (Number.isNaN(t)) return expires;
  if (t <= now) return 'Expired';
  const days = Math.round((t - now) / DAY);
  if (days < 1) return 'Today';
  if (days === 1) return 'Tomorrow';
  return `In ${days} days`;
}

/** membershipText lists a user's projects with their roles: "Default (annotator), News (manager)". */
export function membershipText(projects) {
  if (!projects || !projects.length) return '';
  return projects.map((p) => `${p.name} (${p.role})`).join(', ');
}

/**
 * addMember returns members with name added as role, or {error} saying
 * why not (no name, or already a member). The name is trimmed.
 */
export function addMember(members, name, role) {
  const n = (name || '').trim();
  if (!n) return { error: 'Type the name of the user to add.' };
  if (members.some((m) => m.name === n)) return { error: `${n} is a member already: change their role in the list.` };
  return { members: [...members, { name: n, role }] };
}

/** sameMembers reports whether two member lists hold the same names with the same roles. */
export function sameMembers(a, b) {
  if (a.length !== b.length) return false;
  const roles = new Map(a.map((m) => [m.name, m.role]));
  return b.every((m) => roles.get(m.name) === m.role);
}

/** sortUsers orders users by name, the signed-in one first. */
export function sortUsers(users, me) {
  return [...users].sort((x, y) => (y.name === me) - (x.name === me) || x.name.localeCompare(y.name));
}
