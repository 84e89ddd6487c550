import { test } from 'node:test';
import assert from 'node:assert/strict';
import { whyNot, checkPassword, expiresText, membershipText, addMember, sameMembers, sortUsers, TOKEN_EXPIRY, NEEDS } from './people.js';

test('whyNot names the role needed and the one held', () => {
  assert.equal(whyNot('Marking done', 'set_status', 'annotator'), 'Marking done takes the reviewer role in this project (you are annotator)');
  assert.equal(whyNot('Managing members', 'manage_members', 'reviewer'), 'Managing members takes the manager role in this project (you are reviewer)');
  assert.equal(whyNot('Keeping authors', 'keep_authors', 'manager'), 'Keeping authors takes an admin (you are manager)');
  assert.equal(whyNot('Exporting', 'export', ''), 'Exporting takes the reviewer role in this project');
});

test('NEEDS covers every permission the server sends', () => {
  for (const p of ['view', 'annotate', 'edit_others', 'set_status', 'add_articles', 'export', 'label_text', 'edit_project', 'manage_members', 'keep_authors']) {
    assert.ok(NEEDS[p], p);
  }
});

test('checkPassword: length in characters and bytes, typed twice alike', () => {
  assert.equal(checkPassword(''), 'Type a password.');
  assert.match(checkPassword('short'), /at least 8/);
  assert.equal(checkPassword('long enough'), '');
  assert.equal(checkPassword('long enough', 'long enough'), '');
  assert.equal(checkPassword('long enough', 'long enougH'), 'The two new passwords differ.');
  assert.match(checkPassword('ж'.repeat(40)), /at most 72 bytes/); // 80 bytes, 40 characters
  assert.equal(checkPassword('🙂🙂🙂🙂🙂🙂🙂🙂'), ''); // 8 characters, 32 bytes
});

test('expiresText', () => {
  const now = Date.parse('2025-03-01T12:00:00Z');
  assert.equal(expiresText('', now), 'Never');
  assert.equal(expiresText(undefined, now), 'Never');
  assert.equal(expiresText('0001-01-01T00:00:00Z', now), 'Never');
  assert.equal(expiresText('2025-02-01T00:00:00Z', now), 'Expired');
  assert.equal(expiresText('2025-03-31T12:00:00Z', now), 'In 30 days');
  assert.equal(expiresText('2025-03-02T12:00:00Z', now), 'Tomorrow');
  assert.equal(expiresText('2025-03-01T18:00:00Z', now), 'Today');
  assert.deepEqual(TOKEN_EXPIRY.map(([ttl]) => ttl), ['', '720h', '2160h', '8760h']);
});

test('membershipText', () => {
  assert.equal(membershipText([]), '');
  assert.equal(membershipText([{ id: 1, name: 'Default', role: 'annotator' }, { id: 2, name: 'News', role: 'manager' }]), 'Default (annotator), News (manager)');
});

test('addMember trims, refuses blanks and repeats', () => {
  const ms = [{ name: 'ann', role: 'manager' }];
  assert.deepEqual(addMember(ms, '  ben ', 'reviewer'), { members: [...ms, { name: 'ben', role: 'reviewer' }] });
  assert.match(addMember(ms, ' ', 'reviewer').error, /Type the name/);
  assert.match(addMember(ms, 'ann', 'reviewer').error, /member already/);
  assert.equal(ms.length, 1); // not changed in place
});

test('sameMembers ignores order', () => {
  const a = [{ name: 'ann', role: 'manager' }, { name: 'ben', role: 'annotator' }];
  assert.ok(sameMembers(a, [...a].reverse()));
  assert.ok(!sameMembers(a, [{ name: 'ann', role: 'manager' }, { name: 'ben', role: 'reviewer' }]));
  assert.ok(!sameMembers(a, a.slice(1)));
});

test('sortUsers puts the signed-in user first, then by name', () => {
  const us = [{ name: 'zed' }, { name: 'ann' }, { name: 'max' }];
  assert.deepEqual(sortUsers(us, 'max').map((u) => u.name), ['max', 'ann', 'zed']);
});
