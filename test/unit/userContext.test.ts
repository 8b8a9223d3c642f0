import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fc from 'fast-check';
import { canonicalUsername } from '../../domain/username';
import { dbPathFor } from '../../daemon/user/userContext';

describe("canonicalUsername (the seed's rule)", () => {
  it('prefers preferred_username over username', () => {
    assert.equal(
      canonicalUsername({ preferred_username: 'admin@violentutf.local', username: 'admin' }),
      'admin@violentutf.local',
    );
  });
  it("falls back to username, then the email's local part", () => {
    assert.equal(canonicalUsername({ username: 'Admin' }), 'admin');
    assert.equal(canonicalUsername({ email: 'Jane.Doe@corp.com' }), 'jane.doe');
  });
  it('gives unknown_user when nothing names the user', () => {
    assert.equal(canonicalUsername({}), 'unknown_user');
    assert.equal(canonicalUsername({ email: '@corp.com', username: '   ' }), 'unknown_user');
  });
  it('lower-cases, trims and turns spaces into underscores', () => {
    assert.equal(canonicalUsername('  Tam Nguyen '), 'tam_nguyen');
    assert.equal(canonicalUsername({ preferred_username: '  Tam Nguyen ' }), 'tam_nguyen');
  });
  it('ignores claims that are not strings', () => {
    assert.equal(canonicalUsername({ preferred_username: 42, username: 'bob' }), 'bob');
  });
});

describe('dbPathFor', () => {
  const memoryDir = '/var/vutf/memory';
  it('is <memoryDir>/pyrit_memory_<16 hex of sha256("salt:user")>.db', () => {
    // sha256("violentutf_salt_2025:admin@violentutf.local"), computed independently with Python's hashlib.
    assert.equal(
      dbPathFor('admin@violentutf.local', 'violentutf_salt_2025', memoryDir),
      path.join(memoryDir, 'pyrit_memory_011a7273a1fa9b38.db'),
    );
  });
  it('maps the same user to the same path, always', () => {
    assert.equal(dbPathFor('alice', 's', memoryDir), dbPathFor('alice', 's', memoryDir));
  });
  it('never maps two users to one path, and the salt matters', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        fc.pre(a !== b);
        return dbPathFor(a, 'salt', memoryDir) !== dbPathFor(b, 'salt', memoryDir);
      }),
    );
    assert.notEqual(dbPathFor('alice', 'one', memoryDir), dbPathFor('alice', 'two', memoryDir));
  });
  it('keeps every user name inside the memory dir', () => {
    for (const name of ['../../etc', '../../../etc/passwd', '/etc/shadow', 'a/../../b', '..', '\0']) {
      const file = dbPathFor(canonicalUsername(name), 'salt', memoryDir);
      assert.equal(path.dirname(file), memoryDir, name);
      assert.match(path.basename(file), /^pyrit_memory_[0-9a-f]{16}\.db$/);
    }
  });
});
