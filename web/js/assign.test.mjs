import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assignees, perArticle, progress, myStatus, reopenStatus, settingsOf, settingsPatch, statusName, noneLeft } from './assign.js';

const members = [
  { name: 'max', role: 'manager' },
  { name: 'ada', role: 'annotator' },
  { name: 'bea', role: 'annotator' },
  { name: 'rex', role: 'reviewer' },
];

test('assignees: the annotators list, else every annotator', () => {
  assert.deepEqual(assignees({ members, annotators: [] }), ['ada', 'bea']);
  assert.deepEqual(assignees({ members, annotators: ['bea', 'rex'] }), ['bea', 'rex']);
  assert.deepEqual(assignees(null), []);
});

test('perArticle is at least 1', () => {
  assert.equal(perArticle({ annotators_per_article: 3 }), 3);
  assert.equal(perArticle({ annotators_per_article: 0 }), 1);
  assert.equal(perArticle({}), 1);
});

test('progress counts submitted layers against k', () => {
  const p = { annotators_per_article: 2 };
  const a = { layers: [{ name: 'bea', status: 'in_progress' }, { name: 'ada', status: 'submitted' }] };
  const got = progress(a, p);
  assert.equal(got.text, '1 of 2 submitted');
  assert.equal(got.detail, 'ada: submitted · bea: in progress');
  assert.deepEqual(got.layers.map((l) => l.name), ['ada', 'bea']);
  assert.equal(progress({}, p).text, '0 of 2 submitted');
  assert.equal(progress({}, p).detail, 'Nobody has this article yet');
});

test('myStatus: reviewed, else one’s own layer', () => {
  assert.equal(myStatus({ status: 'reviewed', mine: { status: 'submitted' } }), 'reviewed');
  assert.equal(myStatus({ status: 'submitted', mine: { status: 'in_progress' } }), 'in_progress');
  assert.equal(myStatus({ status: 'new' }), 'none');
});

test('reopenStatus goes back as far as the layers say', () => {
  const p = { annotators_per_article: 2 };
  const sub = { name: 'ada', status: 'submitted' };
  assert.equal(reopenStatus({ layers: [sub, { ...sub, name: 'bea' }] }, p), 'submitted');
  assert.equal(reopenStatus({ layers: [sub] }, p), 'in_progress');
  assert.equal(reopenStatus({ layers: [{ name: 'ada', status: 'assigned', version: 0 }], version: 0 }, p), 'new');
  assert.equal(reopenStatus({ layers: [], version: 3 }, p), 'in_progress');
});

test('settingsPatch sends only what changed, and checks k', () => {
  const saved = settingsOf({ mode: 'shared', annotators_per_article: 1, annotators: [] });
  assert.deepEqual(saved, { mode: 'shared', k: '1', annotators: [] });
  assert.deepEqual(settingsPatch(saved, saved), {});
  assert.deepEqual(settingsPatch({ mode: 'independent', k: ' 2 ', annotators: ['ada', 'bea'] }, saved), {
    mode: 'independent',
    annotators_per_article: 2,
    annotators: ['ada', 'bea'],
  });
  assert.deepEqual(settingsPatch({ ...saved, annotators: ['ada', 'gone'] }, saved, members), { annotators: ['ada'] });
  for (const k of ['0', '51', '1.5', '', 'two']) {
    assert.match(settingsPatch({ ...saved, k }, saved).error, /whole number from 1 to 50/, k);
  }
  assert.deepEqual(settingsPatch({ ...saved, annotators: [] }, { ...saved, annotators: [] }), {});
});

test('names for people', () => {
  assert.equal(statusName('submitted'), 'Submitted');
  assert.equal(statusName('done'), 'Done');
  assert.equal(statusName('odd'), 'odd');
  assert.match(noneLeft({ name: 'News', annotators_per_article: 2 }), /^Nothing is left for you to annotate in News: every article has its 2 annotators/);
  assert.match(noneLeft({ name: 'News', annotators_per_article: 1 }), /its 1 annotator,/);
});
