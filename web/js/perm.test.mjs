import { test } from 'node:test';
import assert from 'node:assert/strict';
import { can, mayEdit, isAdmin, openProject } from './perm.js';

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
