import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DaemonHarness } from '../helpers/daemonHarness';
import { rawExchange } from '../helpers/rawWebSocket';

/**
 * Property-based bad input against the daemon's HTTP side — everything that runs before a WebSocket exists: the
 * request handler (`GET /health`, anything else) and the upgrade handler with its Host/Origin/path/subprotocol/token
 * checks. Each case is one raw TCP connection carrying a request line and headers built byte by byte (duplicates,
 * control characters, targets such as `//` that a URL parser refuses), so nothing in a client library tidies it
 * up first. The daemon must answer with an HTTP status or close, stay up after every case, and still serve an
 * authenticated client at the end. No shrinking (endOnFailure): once a case has killed the daemon every smaller one
 * fails too, so the first failing case is the one to report.
 */

const SEED = Number(process.env.VUTF_FUZZ_SEED ?? 20261129);
const RUNS = Number(process.env.VUTF_FUZZ_RUNS ?? 100);

/** Targets that broke parsers before (`new URL('//', base)` throws) or probe path handling. */
const NASTY_TARGETS = [
  '/',
  '//',
  '///',
  '//@',
  '/\\',
  '\\\\',
  '//127.0.0.1/',
  '//evil.example/health',
  '/health',
  '//health',
  '/health?x=1',
  '/health/',
  '/?token=x',
  '/#frag',
  '/%',
  '/%zz',
  '/%2e%2e/',
  '/../',
  '*',
  '@',
  'http://127.0.0.1/',
  'http://[::1',
  'ws://localhost/',
  'HTTP://',
  '?',
  '',
  '/\u00e9',
  '/\u00ff\u00fe',
];

const HEADER_NAMES = [
  'Host',
  'Origin',
  'Authorization',
  'Upgrade',
  'Connection',
  'Sec-WebSocket-Key',
  'Sec-WebSocket-Version',
  'Sec-WebSocket-Protocol',
  'Sec-WebSocket-Extensions',
  'Content-Length',
  'Transfer-Encoding',
  'Expect',
  'Cookie',
  'X-Forwarded-For',
];

type Header = [name: string, value: string];

/** One byte per character: the request is written as latin1, so every generated value reaches the wire as is. */
const latin1 = (maxLength: number) =>
  fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((code) => String.fromCharCode(code)), maxLength });

/**
 * Mostly printable ASCII, which Node's parser lets through to our handlers, sometimes any byte, which it mostly
 * refuses itself: both must end in an answer, but only the first reaches the daemon's own checks.
 */
const text = (maxLength: number) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength }) },
    { weight: 1, arbitrary: latin1(maxLength) },
  );

/** Printable ASCII without the space, which would end the request target and make the request line unparseable. */
const targetText = fc.string({
  unit: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)),
  maxLength: 40,
});

function arbitraries(port: number, token: string) {
  const hostValue = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`) },
    { weight: 1, arbitrary: fc.constantFrom('', '127.0.0.1', `evil.example:${port}`, `127.0.0.1:${port} `) },
    { weight: 1, arbitrary: text(40) },
  );
  const knownValue = (name: string): fc.Arbitrary<string> => {
    switch (name) {
      case 'Host':
        return hostValue;
      case 'Authorization':
        return fc.oneof(
          fc.constant(`Bearer ${token}`),
          fc.constantFrom('Bearer', 'Bearer ', 'Basic YTpi', `bearer ${token}`, `Bearer ${token}x`, `Bearer  ${token}`),
          text(80),
        );
      case 'Upgrade':
        return fc.constantFrom('websocket', 'WebSocket', 'h2c', '', 'websocket, foo');
      case 'Connection':
        return fc.constantFrom('Upgrade', 'upgrade', 'keep-alive, Upgrade', 'close', '');
      case 'Sec-WebSocket-Key':
        return fc.oneof(fc.constant('dGhlIHNhbXBsZSBub25jZQ=='), text(30));
      case 'Sec-WebSocket-Version':
        return fc.constantFrom('13', '8', '0', '-1', '13, 8', '1e1', 'x');
      case 'Sec-WebSocket-Protocol':
        return fc.oneof(fc.constantFrom('vutf.v2', 'vutf.v1', 'vutf.v2, vutf.v2', ',,', ' vutf.v2 '), text(30));
      case 'Content-Length':
        return fc.oneof(fc.nat({ max: 20 }).map(String), fc.constantFrom('-1', '1e3', '0x10', '99999999999999999999'));
      case 'Transfer-Encoding':
        return fc.constantFrom('chunked', 'gzip, chunked', 'identity', 'chunked, chunked');
      default:
        return text(60);
    }
  };
  const header: fc.Arbitrary<Header> = fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .constantFrom(...HEADER_NAMES)
        .chain((name) => knownValue(name).map((value): Header => [name, value])),
    },
    { weight: 2, arbitrary: fc.tuple(fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,20}$/), text(40)) },
    { weight: 1, arbitrary: fc.tuple(text(20), text(40)) },
  );
  /** Valid upgrade headers most of the time, so cases reach the checks behind the first one that fails. */
  const upgradeBase = (): Header[] => [
    ['Host', `127.0.0.1:${port}`],
    ['Upgrade', 'websocket'],
    ['Connection', 'Upgrade'],
    ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
    ['Sec-WebSocket-Version', '13'],
    ['Sec-WebSocket-Protocol', 'vutf.v2'],
    ['Authorization', `Bearer ${token}`],
  ];
  /** The served target (`/` or `/health`) half the time, so cases get past the path check to the ones behind it. */
  const target = (served: string) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(served) },
      { weight: 3, arbitrary: fc.constantFrom(...NASTY_TARGETS) },
      { weight: 2, arbitrary: targetText.map((rest) => `/${rest}`) },
      { weight: 1, arbitrary: fc.oneof(targetText, text(40)) },
    );
  const method = fc.oneof(
    { weight: 12, arbitrary: fc.constant('GET') },
    { weight: 2, arbitrary: fc.constantFrom('POST', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'CONNECT', 'PRI', 'get') },
    { weight: 1, arbitrary: text(8) },
  );
  const version = fc.oneof(
    { weight: 12, arbitrary: fc.constant('HTTP/1.1') },
    { weight: 1, arbitrary: fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 ', 'HTTP/9', '') },
  );
  /** The base with a header or two dropped, others added and some repeated (duplicates are the point), shuffled. */
  const headers = (base: Header[]): fc.Arbitrary<Header[]> =>
    fc
      .tuple(
        fc.uniqueArray(fc.nat({ max: base.length - 1 }), { maxLength: 2 }),
        fc.array(header, { maxLength: 4 }),
        fc.array(fc.constantFrom(...base), { maxLength: 3 }),
      )
      .chain(([dropped, added, repeated]) => {
        const all = [...base.filter((_, index) => !dropped.includes(index)), ...added, ...repeated];
        return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
      });
  return { target, method, version, headers, upgradeBase };
}

function requestBytes(method: string, target: string, version: string, headers: Header[]): Buffer {
  const lines = [`${method} ${target} ${version}`, ...headers.map(([name, value]) => `${name}: ${value}`), '', ''];
  return Buffer.from(lines.join('\r\n'), 'latin1');
}

describe('HTTP and upgrade path fuzz (fast-check, raw TCP, one real daemon)', { timeout: 300_000 }, () => {
  let daemon: DaemonHarness;
  let cases = 0;
  const statuses = new Map<number, number>();

  before(async () => {
    daemon = await DaemonHarness.start();
  });
  after(async () => {
    console.log(
      `http fuzz: ${cases} cases (seed ${SEED}); statuses: ${[...statuses].map(([status, count]) => `${status}×${count}`).join(', ')}`,
    );
    await daemon.stop();
  });

  /** One case: the answer is an HTTP status line or a bare close, and the daemon is still there. */
  const exchange = async (bytes: Buffer): Promise<void> => {
    cases += 1;
    const { status, response } = await rawExchange(daemon.port, bytes);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    assert.ok(
      status === 0 ? response === '' || !response.startsWith('HTTP/') : status >= 100 && status < 600,
      `not an HTTP answer to ${JSON.stringify(bytes.toString('latin1')).slice(0, 300)}: ${response.slice(0, 200)}`,
    );
    assert.ok(
      daemon.alive,
      `daemon died on ${JSON.stringify(bytes.toString('latin1')).slice(0, 300)}: ${daemon.output.join('').slice(-2000)}`,
    );
  };

  const servesAnAuthenticatedClient = async (): Promise<void> => {
    const connection = await daemon.connect('alice');
    try {
      const health = await connection.request('health/get');
      assert.equal(health.status, 'healthy');
    } finally {
      connection.close();
    }
  };

  it('answers every upgrade request (any target, any header, duplicates) with a status or a close', async () => {
    const arb = arbitraries(daemon.port, daemon.token('fuzzer'));
    await fc.assert(
      fc.asyncProperty(
        arb.method,
        arb.target('/'),
        arb.version,
        arb.headers(arb.upgradeBase()),
        async (method, target, version, headers) => {
          await exchange(requestBytes(method, target, version, headers));
        },
      ),
      { seed: SEED, numRuns: RUNS * 3, endOnFailure: true },
    );
    await servesAnAuthenticatedClient();
  });

  it('answers every plain HTTP request (GET /health and anything else) with a status or a close', async () => {
    const arb = arbitraries(daemon.port, daemon.token('fuzzer'));
    const healthBase: Header[] = [
      ['Host', `127.0.0.1:${daemon.port}`],
      ['Accept', 'application/json'],
    ];
    await fc.assert(
      fc.asyncProperty(
        arb.method,
        arb.target('/health'),
        arb.version,
        arb.headers(healthBase),
        async (method, target, version, headers) => {
          await exchange(requestBytes(method, target, version, headers));
        },
      ),
      { seed: SEED + 1, numRuns: RUNS * 3, endOnFailure: true },
    );
    await servesAnAuthenticatedClient();
  });

  it('survives each known-bad target as an upgrade and as a plain request', async () => {
    const token = daemon.token('fuzzer');
    for (const target of NASTY_TARGETS) {
      const upgrade = arbitraries(daemon.port, token).upgradeBase();
      await exchange(requestBytes('GET', target, 'HTTP/1.1', upgrade));
      await exchange(requestBytes('GET', target, 'HTTP/1.1', [['Host', `127.0.0.1:${daemon.port}`]]));
    }
    await servesAnAuthenticatedClient();
  });
});
