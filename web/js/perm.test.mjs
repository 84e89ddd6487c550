import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, mayEdit, mayChange, isAdmin, openProject, layerLock, whyNot } from './perm.js';

const projects = [
  { id: 1, my_role: 'annotator', can: ['view', 'annotate'] },
  { id: 2, my_role: 'reviewer', can: ['view', 'annotate', 'edit_others', 'set_status', 'export'] },
];
const me = { name: 'ann', role: 'user' };

test('can reads the open project', () => {
  assert.equal(can({ projects, projectId: 1, me }, 'export'), false);
  assert.equal(can({ projects, projectId: 2, me }, 'export'), true);
  assert.equal(can({ projects, projectId: 3, me }, 'view'), false);
  assert.equal(openProject({ projects, projectId: 2 }).my_role, 'reviewer');
  assert.equal(isAdmin({ me }), false);
});

test('mayEdit: own, not saved yet, or edit_others', () => {
  const s = { projects, projectId: 1, me };
  assert.equal(mayEdit(s, { id: 5, author: 'ann' }), true);
  assert.equal(mayEdit(s, { id: 6, author: 'ana' }), false);
  assert.equal(mayEdit(s, { id: -1, author: '' }), true);
  assert.equal(mayEdit({ ...s, projectId: 2 }, { id: 6, author: 'ana' }), true);
  assert.equal(mayEdit(s, null), false);
});

test('layerLock: an annotator’s submitted layer, or a reviewed article, in an independent project', () => {
  const ind = { id: 7, mode: 'independent', my_role: 'annotator', can: ['view', 'annotate'] };
  const rev = { id: 8, mode: 'independent', my_role: 'reviewer', can: ['view', 'annotate', 'review'] };
  const shared = { id: 9, mode: 'shared', my_role: 'annotator', can: ['view', 'annotate'] };
  const st = (p, article) => ({ projects: [ind, rev, shared], projectId: p.id, me, article: { project: p.id, ...article } });
  const mine = (status) => ({ name: 'ann', status });
  const cases = [
    ['in progress', st(ind, { status: 'in_progress', mine: mine('in_progress') }), ''],
    ['no layer yet', st(ind, { status: 'new' }), ''],
    ['submitted', st(ind, { status: 'in_progress', mine: mine('submitted') }), /You submitted/],
    ['reviewed', st(ind, { status: 'reviewed', mine: mine('in_progress') }), /marked this article reviewed/],
    ['a reviewer', st(rev, { status: 'reviewed' }), ''],
    ['a shared project', st(shared, { status: 'done', mine: mine('submitted') }), ''],
    ['no article', { projects: [ind], projectId: 7, me, article: null }, ''],
  ];
  for (const [name, s, want] of cases) {
    const got = layerLock(s);
    if (want instanceof RegExp) assert.match(got, want, name);
    else assert.equal(got, want, name);
  }
  // Locked: nothing may be changed, and the reason is the lock.
  const locked = st(ind, { status: 'in_progress', mine: mine('submitted') });
  const own = { id: 3, author: 'ann' };
  assert.equal(mayChange(locked, own), false);
  assert.match(whyNot(own, locked), /You submitted/);
  assert.equal(mayChange(st(ind, { status: 'in_progress', mine: mine('in_progress') }), own), true);
  assert.match(whyNot({ id: 4, author: 'ben' }), /ben's annotation/);
});
