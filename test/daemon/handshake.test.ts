import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { DaemonHarness } from '../helpers/daemonHarness';
import { rawUpgrade, upgradeHeaders } from '../helpers/rawWebSocket';
import { readSecret } from '../../client/secret';

const SHUTDOWN = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'daemon/shutdown' });

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('WebSocket handshake (real daemon process)', () => {
  let daemon: DaemonHarness;
  let secret: Buffer;

  before(async () => {
    daemon = await DaemonHarness.start();
    secret = readSecret(daemon.stateDir);
  });
  after(() => daemon.stop());

  const signed = (claims: object, options: jwt.SignOptions = {}) =>
    jwt.sign({ sub: 'mallory', preferred_username: 'mallory', ...claims }, secret, { algorithm: 'HS256', ...options });
  const now = () => Math.floor(Date.now() / 1000);

  const cases: { name: string; status: number; headers: () => Record<string, string | undefined> }[] = [
    { name: 'no token', status: 401, headers: () => ({}) },
    {
      name: 'a token signed with another secret',
      status: 401,
      headers: () => ({
        Authorization: `Bearer ${jwt.sign({ sub: 'x' }, 'not-the-secret', { expiresIn: 60, audience: 'vutf-daemon', issuer: 'vutf' })}`,
      }),
    },
    {
      name: 'alg: none',
      status: 401,
      headers: () => ({
        Authorization: `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: 'x', aud: 'vutf-daemon', iss: 'vutf', exp: now() + 600 })}.`,
      }),
    },
    {
      name: 'an expired token',
      status: 401,
      headers: () => ({
        Authorization: `Bearer ${signed({ exp: now() - 60 }, { audience: 'vutf-daemon', issuer: 'vutf' })}`,
      }),
    },
    {
      name: 'a token without exp',
      status: 401,
      headers: () => ({ Authorization: `Bearer ${signed({}, { audience: 'vutf-daemon', issuer: 'vutf' })}` }),
    },
    {
      name: 'a token for another audience',
      status: 401,
      headers: () => ({
        Authorization: `Bearer ${signed({}, { expiresIn: 60, audience: 'someone-else', issuer: 'vutf' })}`,
      }),
    },
    {
      name: 'a token from another issuer',
      status: 401,
      headers: () => ({
        Authorization: `Bearer ${signed({}, { expiresIn: 60, audience: 'vutf-daemon', issuer: 'evil' })}`,
      }),
    },
    {
      name: 'an Origin header (a web page)',
      status: 403,
      headers: () => ({ Authorization: `Bearer ${daemon.token('alice')}`, Origin: 'https://evil.example' }),
    },
    {
      name: 'an IP-literal Origin',
      status: 403,
      headers: () => ({ Authorization: `Bearer ${daemon.token('alice')}`, Origin: 'http://127.0.0.1:8080' }),
    },
    {
      name: 'a foreign Host (DNS rebinding)',
      status: 403,
      headers: () => ({ Authorization: `Bearer ${daemon.token('alice')}`, Host: `evil.example:${daemon.port}` }),
    },
    {
      name: 'our address with another port',
      status: 403,
      headers: () => ({ Authorization: `Bearer ${daemon.token('alice')}`, Host: `127.0.0.1:${daemon.port + 1}` }),
    },
    {
      name: 'no subprotocol',
      status: 400,
      headers: () => ({ Authorization: `Bearer ${daemon.token('alice')}`, 'Sec-WebSocket-Protocol': undefined }),
    },
    {
      name: 'an older subprotocol (vutf.v1)',
      status: 400,
      headers: () => ({ Authorization: `Bearer ${daemon.token('alice')}`, 'Sec-WebSocket-Protocol': 'vutf.v1' }),
    },
  ];

  for (const testCase of cases) {
    it(`refuses ${testCase.name} with ${testCase.status} and runs nothing sent behind it`, async () => {
      const result = await rawUpgrade(daemon.port, upgradeHeaders(daemon.port, testCase.headers()), SHUTDOWN);
      assert.equal(result.status, testCase.status, result.response);
      assert.doesNotMatch(result.response, /"result"/);
      // The pipelined daemon/shutdown must not have run: the daemon still serves.
      const connection = await daemon.connect('alice');
      const health = await connection.request('health/get');
      connection.close();
      assert.equal(health.status, 'healthy');
      assert.ok(daemon.alive, 'daemon still running');
    });
  }

  it('accepts a valid token and names the user from its claims', async () => {
    const accepted = await rawUpgrade(
      daemon.port,
      upgradeHeaders(daemon.port, { Authorization: `Bearer ${daemon.token('Alice Smith')}` }),
    );
    assert.equal(accepted.status, 101);
    const connection = await daemon.connect('Alice Smith');
    assert.equal(connection.info.user.username, 'alice_smith');
    assert.match(connection.info.user.db_path, /pyrit_memory_[0-9a-f]{16}\.db$/);
    connection.close();
  });

  it('keeps the secret, the state dir and the discovery file private', () => {
    assert.equal(fs.statSync(path.join(daemon.stateDir, 'secret')).mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.join(daemon.stateDir, 'daemon.json')).mode & 0o777, 0o600);
    assert.equal(fs.statSync(daemon.stateDir).mode & 0o777, 0o700);
  });

  it('answers GET /health without auth, for liveness only', async () => {
    const response = await fetch(`http://127.0.0.1:${daemon.port}/health`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['status', 'version']);
    assert.equal(body.status, 'ok');
  });
});
