// render-account.js draws the Your account page (Renderer's accountPage,
// see render.js): the password form's message, the token just made (once)
// and the list of tokens.
import { h, fill, formatDate } from './dom.js';
import { accountState } from './account.js';
import { TOKEN_EXPIRY, expiresText } from './people.js';
import { formMsg, cell } from './render-users.js';

/** accountMethods are Renderer's methods for the account page; render.js adds them to the class. */
export const accountMethods = {
  accountPage(s) {
    const A = accountState();
    const admin = !!s.me && s.me.role === 'admin';
    if (this.changed('account-me', [s.me, s.projects])) {
      const roles = admin ? 'admin' : s.projects.map((p) => `${p.my_role} in ${p.name}`).join(', ') || 'in no project yet';
      fill(this.el.accountWho, s.me ? `${s.me.name} · ${roles}` : '');
      this.el.ownPassword.elements.username.value = s.me ? s.me.name : '';
      if (!this.el.tokenTtl.options.length) fill(this.el.tokenTtl, TOKEN_EXPIRY.map(([v, name]) => h('option', { value: v }, name)));
    }
    if (this.changed('account-password', [A.password])) {
      formMsg(this.el.ownPasswordMsg, A.password);
      this.el.ownPassword.querySelector('[type=submit]').disabled = !!(A.password && A.password.busy);
    }
    if (this.changed('token-form', [A.tokenForm])) {
      formMsg(this.el.newTokenMsg, A.tokenForm, 'Creating…');
      this.el.newToken.querySelector('[type=submit]').disabled = !!(A.tokenForm && A.tokenForm.busy);
    }
    if (this.changed('token-secret', [A.secret])) this.tokenSecret(A.secret);
    if (this.changed('tokens', [A.tokens, A.loading, A.error, A.confirm, A.row, admin])) this.tokenList(A, admin);
  },

  // tokenSecret shows the token just made, with a copy button: the one time
  // anyone sees it.
  tokenSecret(sec) {
    const el = this.el.tokenSecret;
    el.hidden = !sec;
    if (!sec) {
      el.replaceChildren();
      return;
    }
    const copied = sec.copied === true ? 'Copied.' : sec.copied === 'select' ? 'Selected: press Ctrl+C (the browser keeps the clipboard from this page).' : '';
    fill(
      el,
      h('p', { class: 'secret-head' }, h('strong', {}, `Your new token “${sec.name}”.`), ' Copy it now: you won’t see it again.'),
      h('div', { class: 'secret-row' }, h('code', { class: 'secret-value' }, sec.token), h('button', { type: 'button', class: 'btn primary small', dataset: { action: 'token-copy' } }, 'Copy')),
      h('p', { class: 'secret-foot' }, h('span', { class: 'muted small', role: 'status' }, copied), h('button', { type: 'button', class: 'btn ghost small', dataset: { action: 'token-hide' } }, 'I have copied it')),
    );
  },

  tokenList(A, admin) {
    const el = this.el.tokensTable;
    if (A.error) {
      fill(el, h('p', { class: 'empty-note error' }, A.error));
      return;
    }
    if (!A.tokens.length) {
      fill(el, h('p', { class: 'empty-note' }, A.loading ? 'Loading…' : admin ? 'Nobody has an API token yet.' : 'You have no API tokens yet.'));
      return;
    }
    const head = ['Name', admin ? 'User' : null, 'Created', 'Expires', ''].filter((x) => x !== null);
    fill(
      el,
      h(
        'table',
        { class: 'grid tokens' },
        h('thead', {}, h('tr', {}, head.map((t) => h('th', {}, t)))),
        h(
          'tbody',
          {},
          A.tokens.flatMap((t) => {
            const exp = expiresText(t.expires);
            const rows = [
              h(
                'tr',
                { dataset: { id: t.id } },
                cell('Name', '', t.name || h('span', { class: 'muted' }, 'unnamed')),
                admin ? cell('User', '', t.user) : null,
                cell('Created', 'date', formatDate(t.created)),
                cell('Expires', 'date' + (exp === 'Expired' ? ' expired' : ''), exp),
                h('td', { class: 'actions' }, h('button', { type: 'button', class: 'btn small danger', dataset: { action: 'token-revoke', id: t.id } }, 'Revoke…')),
              ),
            ];
            const sub = (...c) => h('tr', { class: 'sub' }, h('td', { colspan: String(head.length) }, ...c));
            if (A.confirm === t.id) {
              rows.push(
                sub(
                  h(
                    'div',
                    { class: 'confirm', role: 'alert' },
                    h('span', {}, `Revoke “${t.name || t.id}”? Scripts that use it stop working at once.`),
                    h('button', { type: 'button', class: 'btn danger small', dataset: { action: 'token-revoke-yes', id: t.id } }, 'Revoke'),
                    h('button', { type: 'button', class: 'btn ghost small', dataset: { action: 'token-revoke-no' } }, 'Keep'),
                  ),
                ),
              );
            }
            if (A.row && A.row.id === t.id) rows.push(sub(h('p', { class: 'form-msg error', role: 'alert' }, A.row.error)));
            return rows;
          }),
        ),
      ),
    );
  },
};
