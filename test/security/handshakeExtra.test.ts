import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { DaemonHarness } from '../helpers/daemonHarness';
import { rawUpgrade, upgradeHeaders } from '../helpers/rawWebSocket';
import { readSecret } from '../../client/secret';

/**
 * Handshake attacks the suite in test/daemon/handshake.test.ts does not cover: a token that is not valid yet, the
 * HS/RS algorithm-confusion family, a token put only in the URL query string, and request targets that are not
 * the path `/` (some of which a URL parser refuses to parse at all).
 */

const SHUTDOWN = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'daemon/shutdown' });

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('handshake attacks beyond the base suite (real daemon process)', () => {
  let daemon: DaemonHarness;
  let secret: Buffer;
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const now = () => Math.floor(Date.now() / 1000);
  const claims = () => ({
    sub: 'mallory',
    preferred_username: 'mallory',
    aud: 'vutf-daemon',
    iss: 'vutf',
    iat: now(),
    exp: now() + 600,
  });

  before(async () => {
    daemon = await DaemonHarness.start();
    secret = readSecret(daemon.stateDir);
  });
  after(() => daemon.stop());

  const cases: { name: string; status: number; target?: string; headers: () => Record<string, string | undefined> }[] =
    [
      {
        name: 'a not-yet-valid token (nbf one hour ahead)',
        status: 401,
        headers: () => ({
          Authorization: `Bearer ${jwt.sign({ ...claims(), nbf: now() + 3600 }, secret, { algorithm: 'HS256' })}`,
        }),
      },
      {
        name: 'a not-yet-valid token (nbf a minute ahead, past the clock tolerance)',
        status: 401,
        headers: () => ({
          Authorization: `Bearer ${jwt.sign({ ...claims(), nbf: now() + 60 }, secret, { algorithm: 'HS256' })}`,
        }),
      },
      {
        name: 'an RS256 token signed with an attacker RSA key',
        status: 401,
        headers: () => ({ Authorization: `Bearer ${jwt.sign(claims(), privatePem, { algorithm: 'RS256' })}` }),
      },
      {
        name: 'HS/RS confusion: HS256 keyed with an RSA public key PEM',
        status: 401,
        headers: () => ({ Authorization: `Bearer ${hmacToken('HS256', publicPem)}` }),
      },
      {
        name: 'HS/RS confusion: header says RS256, signature is an HMAC with the real secret',
        status: 401,
        headers: () => ({ Authorization: `Bearer ${hmacToken('RS256', secret)}` }),
      },
      {
        name: 'HS/RS confusion: header says HS512 with the real secret (algorithm not pinned)',
        status: 401,
        headers: () => ({ Authorization: `Bearer ${jwt.sign(claims(), secret, { algorithm: 'HS512' })}` }),
      },
      // `new URL()` threw on these targets inside the upgrade handler, and the exception ended the daemon.
      ...['//', '///', '//@', '/\\', '//127.0.0.1/', '/\\evil.example/'].map((target) => ({
        name: `a valid token at the request target ${JSON.stringify(target)}`,
        status: 404,
        target,
        headers: () => ({ Authorization: `Bearer ${daemon.token('alice')}` }),
      })),
      ...['*', 'http://127.0.0.1/', 'ws://localhost/', '@', '\\'].map((target) => ({
        name: `a valid token at the request target ${JSON.stringify(target)}, which is not a path`,
        status: 400,
        target,
        headers: () => ({ Authorization: `Bearer ${daemon.token('alice')}` }),
      })),
      {
        name: 'a valid token only in ?token=',
        status: 401,
        target: '/?token=VALID',
        headers: () => ({}),
      },
      {
        name: 'a valid token only in ?access_token=',
        status: 401,
        target: '/?access_token=VALID',
        headers: () => ({}),
      },
    ];

  /** A JWT whose header names `alg` but whose signature is HMAC-SHA256 with `key`: what a confused verifier accepts. */
  function hmacToken(alg: string, key: string | Buffer): string {
    const signingInput = `${base64url({ alg, typ: 'JWT' })}.${base64url(claims())}`;
    // jsonwebtoken refuses to sign HS256 with a PEM (that is its own confusion guard), so sign by hand.
    return `${signingInput}.${createHmac('sha256', key).update(signingInput).digest('base64url')}`;
  }

  for (const testCase of cases) {
    it(`refuses ${testCase.name} with ${testCase.status} and runs nothing sent behind it`, async () => {
      const target = (testCase.target ?? '/').replace('VALID', encodeURIComponent(daemon.token('alice')));
      const result = await rawUpgrade(daemon.port, upgradeHeaders(daemon.port, testCase.headers()), SHUTDOWN, target);
      assert.equal(result.status, testCase.status, result.response);
      assert.doesNotMatch(result.response, /"result"/);
      assert.ok(!result.response.includes(secret.toString('base64')), 'the refusal does not leak the secret');
      const connection = await daemon.connect('alice');
      const health = await connection.request('health/get');
      connection.close();
      assert.equal(health.status, 'healthy');
      assert.ok(daemon.alive, 'daemon still running');
    });
  }

  it('accepts the same request target with the token in the Authorization header (control)', async () => {
    const result = await rawUpgrade(
      daemon.port,
      upgradeHeaders(daemon.port, {
        Authorization: `Bearer ${daemon.token('alice')}`,
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      }),
    );
    assert.equal(result.status, 101, result.response);
  });
});
