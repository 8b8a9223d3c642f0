import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { mintToken } from '../../protocol/token';
import { parseTtl, TokenRejected, verifyToken } from '../../daemon/auth/token';
import { readSecret } from '../../client/secret';
import { ensureSecret } from '../../daemon/auth/secret';

const secret = Buffer.alloc(32, 7);

describe('tokens', () => {
  it('round-trips a user through mint and verify', () => {
    const verified = verifyToken(secret, mintToken(secret, 'Tam Nguyen'));
    assert.equal(verified.username, 'tam_nguyen');
    assert.equal(verified.claims.aud, 'vutf-daemon');
    assert.equal(verified.claims.iss, 'vutf');
    assert.equal(typeof verified.claims.exp, 'number');
  });

  it('refuses RS256 tokens even when the HMAC secret would "verify" them (algorithm confusion)', () => {
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(
      JSON.stringify({ sub: 'x', aud: 'vutf-daemon', iss: 'vutf', exp: Math.floor(Date.now() / 1000) + 60 }),
    ).toString('base64url');
    const signature = createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url');
    assert.throws(() => verifyToken(secret, `${header}.${body}.${signature}`), TokenRejected);
  });

  it('refuses tokens that live longer than 12 hours', () => {
    const token = jwt.sign({ sub: 'x' }, secret, {
      algorithm: 'HS256',
      expiresIn: '30d',
      audience: 'vutf-daemon',
      issuer: 'vutf',
    });
    assert.throws(() => verifyToken(secret, token), /longer than 12 hours/);
    assert.throws(() => mintToken(secret, 'x', 13 * 3600), /12 hours/);
  });

  const signedUntil = (claims: jwt.JwtPayload) =>
    jwt.sign({ sub: 'x', preferred_username: 'x', aud: 'vutf-daemon', iss: 'vutf', ...claims }, secret, {
      algorithm: 'HS256',
      noTimestamp: true,
    });
  const now = () => Math.floor(Date.now() / 1000);

  it('refuses a token whose exp is ten years ahead even without iat (the lifetime is measured from now)', () => {
    assert.throws(() => verifyToken(secret, signedUntil({ exp: now() + 10 * 365 * 86400 })), /longer than 12 hours/);
    assert.throws(() => verifyToken(secret, signedUntil({ exp: now() + 12 * 3600 + 60 })), /longer than 12 hours/);
  });

  it('refuses a far exp hidden behind an iat in the future (exp - iat is small, exp - now is not)', () => {
    const iat = now() + 10 * 365 * 86400;
    assert.throws(() => verifyToken(secret, signedUntil({ iat, exp: iat + 60 })), /longer than 12 hours/);
  });

  it('accepts a token without iat that expires within 12 hours', () => {
    assert.equal(verifyToken(secret, signedUntil({ exp: now() + 12 * 3600 })).username, 'x');
  });

  it('parses --ttl durations', () => {
    assert.equal(parseTtl('90s'), 90);
    assert.equal(parseTtl('30m'), 1800);
    assert.equal(parseTtl('12h'), 43200);
    assert.equal(parseTtl('600'), 600);
    assert.throws(() => parseTtl('13h'), /out of range/);
    assert.throws(() => parseTtl('soon'), /not a duration/);
  });
});

describe('the secret file', () => {
  it('is created once, 0600, 32 bytes, and reused', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vutf-secret-'));
    try {
      const stateDir = path.join(dir, 'state');
      const first = ensureSecret(stateDir);
      assert.equal(first.length, 32);
      assert.equal(fs.statSync(path.join(stateDir, 'secret')).mode & 0o777, 0o600);
      assert.equal(fs.statSync(stateDir).mode & 0o777, 0o700);
      assert.deepEqual(ensureSecret(stateDir), first);
      assert.deepEqual(readSecret(stateDir), first);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tells the user how to create it when missing', () => {
    assert.throws(() => readSecret('/nonexistent/vutf'), /vutf daemon start/);
  });
});
