import { after, afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { z } from 'zod';
import { DaemonHarness } from '../helpers/daemonHarness';
import { requests, type RequestMethod } from '../../protocol/methods';
import { validateParameters } from '../../daemon/orchestrators/validateParameters';
import { MAX_PAYLOAD_BYTES } from '../../daemon/server/daemonServer';
import { RawRpcClient, type RpcReply } from './rawRpcClient';

/**
 * Property-based bad input against ONE real daemon process. Every frame sent is one that must be refused: the
 * generators are filtered with the daemon's own schemas (the `requests` map and the config validator) as oracles,
 * so no request can succeed and write a row. Each case must get a JSON-RPC error (or, for a frame over maxPayload,
 * a close with 1009), the daemon must answer health/get after every batch, and at the end the user's orchestrators
 * and executions are still empty.
 */

const SEED = Number(process.env.VUTF_FUZZ_SEED ?? 20261129);
const RUNS = Number(process.env.VUTF_FUZZ_RUNS ?? 100);
const methods = Object.keys(requests) as RequestMethod[];

const VALID_CONFIG = {
  objective_target: { type: 'echo', prefix: 'PWNED: ', delay_ms: 0 },
  prompt_converters: [{ type: 'base64' }, { type: 'rot13' }],
  scorers: [{ type: 'substring', substring: 'PWNED', category: 'jailbreak' }],
  batch_size: 8,
};

/**
 * A valid-shaped params object per method; the fuzz mutates these. A method added to `requests` later without an
 * entry here is still fuzzed (from `{}` and random objects), and the schema oracle keeps every case invalid.
 */
const EXAMPLES: Partial<Record<RequestMethod, Record<string, unknown>>> & {
  initialize: Record<string, unknown>;
  'orchestrators/create': Record<string, unknown>;
} = {
  initialize: { protocol_version: '2.0', client: { name: 'fuzz', version: '0' } },
  'health/get': {},
  'health/orchestrators': {},
  'health/database': {},
  'debug/info': {},
  'cache/clear': {},
  'orchestratorTypes/list': {},
  'orchestrators/create': {
    name: 'fuzzed',
    orchestrator_type: 'prompt_sending',
    parameters: VALID_CONFIG,
    tags: ['a'],
  },
  'orchestrators/list': {},
  'orchestrators/get': { orchestrator_id: 'o-1' },
  'orchestrators/update': { orchestrator_id: 'o-1', name: 'renamed', tags: ['t'], parameters: VALID_CONFIG },
  'orchestrators/delete': { orchestrator_id: 'o-1' },
  'executions/start': {
    orchestrator_id: 'o-1',
    execution_type: 'prompt_list',
    input_data: { prompt_list: ['p'] },
    secrets: { k: 'v' },
  },
  'executions/get': { execution_id: 'e-1' },
  'executions/list': { orchestrator_id: 'o-1', status: 'running', limit: 5 },
  'executions/cancel': { execution_id: 'e-1' },
  'executions/resume': { execution_id: 'e-1', secrets: { k: 'v' } },
  'results/list': { execution_id: 'e-1', offset: 0, limit: 10 },
  'results/summary': { execution_id: 'e-1' },
  'daemon/shutdown': {},
};
const exampleFor = (method: RequestMethod): Record<string, unknown> => EXAMPLES[method] ?? {};

function protocolInvalid(method: RequestMethod, params: unknown): boolean {
  const schema: z.ZodType = requests[method].params;
  try {
    return !schema.safeParse(params).success;
  } catch {
    return true; // the oracle itself choked (e.g. absurd depth): the daemon must refuse it too
  }
}

function configInvalid(parameters: unknown): boolean {
  try {
    validateParameters('prompt_sending', parameters);
    return false;
  } catch {
    return true;
  }
}

/**
 * Only requests that cannot succeed: params the protocol schema refuses, or (for create) a config the validator
 * refuses. Nothing else is ever sent, so no handler can write.
 */
function mustBeRefused(method: RequestMethod, params: unknown): boolean {
  if (protocolInvalid(method, params)) return true;
  if (method === 'orchestrators/create') return configInvalid((params as { parameters?: unknown }).parameters);
  return false;
}

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((item, index) => out.push(...pathsOf(item, [...prefix, index])));
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) out.push(...pathsOf(item, [...prefix, key]));
  return out;
}

type Mutation =
  | { kind: 'replace'; pick: number; value: unknown }
  | { kind: 'delete'; pick: number }
  | { kind: 'addKey'; pick: number; key: string; value: unknown };

function mutate(base: unknown, mutation: Mutation): unknown {
  const copy: unknown = structuredClone(base);
  const paths = pathsOf(copy);
  const target = paths[mutation.pick % paths.length];
  if (target.length === 0) {
    if (mutation.kind === 'replace') return mutation.value;
    if (mutation.kind === 'addKey' && typeof copy === 'object' && copy !== null && !Array.isArray(copy))
      (copy as Record<string, unknown>)[mutation.key] = mutation.value;
    return copy;
  }
  let parent = copy as Record<string | number, unknown>;
  for (const step of target.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = target[target.length - 1];
  if (mutation.kind === 'replace') parent[last] = mutation.value;
  else if (mutation.kind === 'delete') {
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else delete parent[last];
  } else {
    const node = parent[last];
    if (typeof node === 'object' && node !== null && !Array.isArray(node))
      (node as Record<string, unknown>)[mutation.key] = mutation.value;
    else parent[last] = { [mutation.key]: mutation.value };
  }
  return copy;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('replace' as const),
    pick: fc.nat(),
    value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.double(), fc.integer(), fc.constant(null), fc.string()),
  }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('addKey' as const),
    pick: fc.nat(),
    key: fc.string({ minLength: 1, maxLength: 12 }),
    value: fc.jsonValue({ maxDepth: 2 }),
  }),
);

function isError(reply: RpcReply): boolean {
  return (
    reply.result === undefined &&
    typeof reply.error?.code === 'number' &&
    reply.error.code < 0 &&
    typeof reply.error.message === 'string'
  );
}

describe('protocol fuzz (fast-check, one real daemon)', { timeout: 120_000 }, () => {
  // Each test sets up what it needs in beforeEach: its own connection (so no reply left over from another test is
  // read as its own), and a daemon, the one of the earlier tests if it is still up (starting one per test would
  // add ~0.5 s × 30), a new one if an earlier test killed it. Each test checks at its end that the daemon still
  // answers and that nothing was written, so any one of them can run alone (--test-name-pattern).
  let daemon: DaemonHarness | undefined;
  let client: RawRpcClient;
  let cases = 0;
  let casesOfThisTest = 0;
  const codes = new Map<number, number>();

  const running = (): DaemonHarness => {
    assert.ok(daemon, 'beforeEach started no daemon');
    return daemon;
  };

  const open = async (): Promise<RawRpcClient> => {
    const current = running();
    const opened = await RawRpcClient.open(current.port, current.token('fuzzer'));
    const init = await opened.call('initialize', EXAMPLES.initialize);
    assert.ok(init.result, JSON.stringify(init));
    return opened;
  };

  /** Sends one text frame that must be refused and checks the answer is a JSON-RPC error. */
  const expectError = async (
    text: string,
    expectedId?: string | number | null,
    allowInternal = false,
  ): Promise<RpcReply> => {
    cases += 1;
    casesOfThisTest += 1;
    client.sendText(text);
    const reply = await client.next(15_000);
    assert.ok(isError(reply), `not an error reply to ${text.slice(0, 200)}: ${JSON.stringify(reply).slice(0, 300)}`);
    if (expectedId !== undefined) assert.equal(reply.id, expectedId, `reply id for ${text.slice(0, 120)}`);
    const code = reply.error?.code ?? 0;
    if (!allowInternal)
      assert.notEqual(code, -32603, `internal error for ${text.slice(0, 200)}: ${reply.error?.message}`);
    codes.set(code, (codes.get(code) ?? 0) + 1);
    return reply;
  };

  let deepConfigInternal = 0;
  const noteInternal = (reply: RpcReply): void => {
    if (reply.error?.code === -32603) deepConfigInternal += 1;
  };

  const checkHealth = async (batch: string): Promise<void> => {
    const current = running();
    assert.ok(current.alive, `daemon died during ${batch}: ${current.output.join('').slice(-2000)}`);
    const health = await client.call('health/get', undefined, 15_000);
    assert.ok(health.result, `health/get after ${batch}: ${JSON.stringify(health).slice(0, 300)}`);
  };

  /**
   * The end of every test: the daemon answers, the fuzzed user still has no orchestrators and no executions (no
   * refused frame wrote anything), and the test really sent its cases.
   */
  const finish = async (batch: string, minimumCases: number): Promise<void> => {
    await checkHealth(batch);
    const orchestrators = await client.call('orchestrators/list');
    const executions = await client.call('executions/list');
    assert.deepEqual(orchestrators.result, { orchestrators: [] }, `${batch} wrote an orchestrator`);
    assert.deepEqual(executions.result, { executions: [] }, `${batch} wrote an execution`);
    assert.ok(casesOfThisTest >= minimumCases, `${batch}: only ${casesOfThisTest} of ${minimumCases} cases ran`);
  };

  let nextId = 1;
  const request = (method: string, params: unknown): { text: string; id: number } => {
    const id = nextId++;
    return {
      id,
      text: JSON.stringify(
        params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params },
      ),
    };
  };

  beforeEach(async () => {
    if (!daemon?.alive) {
      await daemon?.stop();
      daemon = await DaemonHarness.start();
    }
    client = await open();
    casesOfThisTest = 0;
  });
  afterEach(async () => {
    await client?.close();
  });
  after(async () => {
    console.log(
      `fuzz: ${cases} cases (seed ${SEED}); error codes: ${[...codes].map(([code, count]) => `${code}×${count}`).join(', ')}` +
        (deepConfigInternal
          ? `; ${deepConfigInternal} deeply nested configs answered -32603 (known bug, see literalApiKeys.ts)`
          : ''),
    );
    await daemon?.stop();
  });

  it('answers malformed JSON text frames with -32700', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .oneof(
            fc.string({ maxLength: 200 }),
            fc
              .jsonValue()
              .map((value) => JSON.stringify(value))
              .chain((text) => fc.nat({ max: Math.max(0, text.length - 1) }).map((cut) => `${text.slice(0, cut)}`)),
            fc.constantFrom(
              '{',
              '{"jsonrpc":"2.0",',
              "{'a':1}",
              '{"a":1,}',
              'NaN',
              'undefined',
              '\u0000',
              '{"jsonrpc":"2.0","id":1,"method":"health/get"',
              '[1,2',
              '"\\x41"',
            ),
          )
          .filter((text) => {
            try {
              JSON.parse(text);
              return false;
            } catch {
              return true;
            }
          }),
        async (text) => {
          const reply = await expectError(text, null);
          assert.equal(reply.error?.code, -32700);
        },
      ),
      { seed: SEED, numRuns: RUNS * 3 },
    );
    await finish('malformed JSON', RUNS * 3);
  });

  it('answers valid JSON of the wrong shape (non-objects, batches, no jsonrpc 2.0, bad id/method) with -32600', async () => {
    const notAMessage = fc
      .jsonValue({ maxDepth: 4 })
      .filter(
        (value) =>
          !(
            typeof value === 'object' &&
            value !== null &&
            !Array.isArray(value) &&
            (value as Record<string, unknown>).jsonrpc === '2.0'
          ),
      );
    const badFields = fc.record({
      jsonrpc: fc.constant('2.0'),
      id: fc.oneof(
        fc.constant(null),
        fc.boolean(),
        fc.array(fc.integer(), { maxLength: 3 }),
        fc.object({ maxDepth: 1 }),
      ),
      method: fc.oneof(fc.integer(), fc.constant(null), fc.boolean(), fc.constantFrom(...methods)),
    });
    const badParams = fc.record({
      jsonrpc: fc.constant('2.0'),
      id: fc.integer(),
      method: fc.constantFrom(...methods),
      params: fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(notAMessage, badFields, badParams), async (value) => {
        const reply = await expectError(JSON.stringify(value));
        assert.ok(
          [-32600, -32601, -32602].includes(reply.error?.code ?? 0),
          `code ${reply.error?.code} for ${JSON.stringify(value).slice(0, 200)}`,
        );
      }),
      { seed: SEED, numRuns: RUNS * 4 },
    );
    await finish('wrong shapes', RUNS * 4);
  });

  it('answers unknown methods with -32601', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 60 }).filter((name) => !(name in requests)),
        fc.jsonValue({ maxDepth: 2 }),
        async (method, params) => {
          const { text, id } = request(method, typeof params === 'object' && params !== null ? params : undefined);
          const reply = await expectError(text, id);
          assert.equal(reply.error?.code, -32601);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    await finish('unknown methods', RUNS);
  });

  for (const method of methods) {
    it(`refuses wrong param types, missing and unknown fields for ${method}`, async () => {
      const arb = fc
        .oneof(
          { weight: 3, arbitrary: mutationArb.map((mutation) => mutate(exampleFor(method), mutation)) },
          {
            weight: 1,
            arbitrary: fc.jsonValue({ maxDepth: 3 }).filter((value) => typeof value === 'object' && value !== null),
          },
          {
            weight: 1,
            arbitrary: fc
              .tuple(fc.string({ minLength: 1, maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }))
              .map(([key, value]) => ({ ...exampleFor(method), [`x_${key}`]: value })),
          },
        )
        .filter((params) => mustBeRefused(method, params));
      await fc.assert(
        fc.asyncProperty(arb, async (params) => {
          const { text, id } = request(method, params);
          const reply = await expectError(text, id);
          // A primitive or null params is refused by the transport (-32600) before the schema sees it.
          assert.ok(
            [-32600, -32602, -32015].includes(reply.error?.code ?? 0),
            `${method} ${text.slice(0, 200)} → ${JSON.stringify(reply.error).slice(0, 300)}`,
          );
        }),
        { seed: SEED, numRuns: RUNS },
      );
      await finish(`params of ${method}`, RUNS);
    });
  }

  it('refuses out-of-range numbers, written as JSON number literals', async () => {
    const literal = fc.oneof(
      fc.constantFrom(
        '1e400',
        '-1e400',
        '1e-400',
        '-0',
        '9007199254740993',
        '-9007199254740993',
        '0.5',
        '1.0000000001',
        '501',
        '1001',
        '0',
        '-1',
        '1e308',
        '-2147483649',
      ),
      fc.integer({ min: -1_000_000_000, max: -1 }).map(String),
      fc.integer({ min: 1001, max: 2_000_000_000 }).map(String),
      fc
        .double({ noNaN: true, noDefaultInfinity: true })
        .filter((x) => !Number.isInteger(x))
        .map((x) => JSON.stringify(x)),
    );
    const slots: { method: RequestMethod; template: (n: string) => string }[] = [
      { method: 'results/list', template: (n) => `{"execution_id":"e-1","offset":0,"limit":${n}}` },
      { method: 'results/list', template: (n) => `{"execution_id":"e-1","offset":${n},"limit":1000}` },
      { method: 'executions/list', template: (n) => `{"limit":${n}}` },
      { method: 'orchestrators/get', template: (n) => `{"orchestrator_id":${n}}` },
      { method: 'initialize', template: (n) => `{"protocol_version":${n},"client":{"name":"f","version":"0"}}` },
      {
        method: 'orchestrators/create',
        template: (n) =>
          `{"name":"n","orchestrator_type":"prompt_sending","parameters":{"objective_target":{"type":"echo","delay_ms":${n}},"batch_size":${n}}}`,
      },
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...slots), literal, async (slot, number) => {
        const paramsText = slot.template(number);
        fc.pre(mustBeRefused(slot.method, JSON.parse(paramsText)));
        const id = nextId++;
        const reply = await expectError(
          `{"jsonrpc":"2.0","id":${id},"method":"${slot.method}","params":${paramsText}}`,
          id,
        );
        assert.ok([-32602, -32015].includes(reply.error?.code ?? 0), JSON.stringify(reply.error));
      }),
      { seed: SEED, numRuns: RUNS * 3 },
    );
    await finish('out-of-range numbers', RUNS * 3);
  });

  it('refuses invalid orchestrator configs (random mutations of a valid one) with InvalidConfig or InvalidParams', async () => {
    assert.equal(configInvalid(VALID_CONFIG), false, 'the base config is valid');
    const arb = fc
      .array(mutationArb, { minLength: 1, maxLength: 3 })
      .map((mutations) => mutations.reduce<unknown>((config, mutation) => mutate(config, mutation), VALID_CONFIG))
      .filter((config) => configInvalid(config));
    await fc.assert(
      fc.asyncProperty(arb, fc.boolean(), async (parameters, update) => {
        const params = update
          ? { orchestrator_id: 'o-1', parameters }
          : { name: `cfg ${nextId}`, orchestrator_type: 'prompt_sending', parameters };
        const method = update ? 'orchestrators/update' : 'orchestrators/create';
        const { text, id } = request(method, params);
        const reply = await expectError(text, id);
        // update names an orchestrator that does not exist: NotFound or InvalidConfig, whichever is checked first.
        assert.ok(
          [-32600, -32602, -32015, ...(update ? [-32011] : [])].includes(reply.error?.code ?? 0),
          `${text.slice(0, 300)} → ${JSON.stringify(reply.error).slice(0, 300)}`,
        );
      }),
      { seed: SEED, numRuns: RUNS * 4 },
    );
    await finish('invalid configs', RUNS * 4);
  });

  it('survives huge strings (up to ~1 MB) in every position', async () => {
    const sizes = [64 * 1024, 256 * 1024, 1024 * 1024];
    const frames: { text: string; id?: number | null }[] = [];
    for (const size of sizes) {
      const big = 'A'.repeat(size - 1) + '\u00e9';
      let id = nextId++;
      frames.push({ text: JSON.stringify({ jsonrpc: '2.0', id, method: big }), id });
      id = nextId++;
      frames.push({
        text: JSON.stringify({
          jsonrpc: '2.0',
          id,
          method: 'orchestrators/create',
          params: { name: big, orchestrator_type: 'prompt_sending', parameters: VALID_CONFIG },
        }),
        id,
      });
      id = nextId++;
      frames.push({
        text: JSON.stringify({
          jsonrpc: '2.0',
          id,
          method: 'orchestrators/create',
          params: {
            name: 'huge prefix',
            orchestrator_type: 'prompt_sending',
            parameters: { ...VALID_CONFIG, objective_target: { type: 'echo', prefix: big, nope: 1 } },
          },
        }),
        id,
      });
      id = nextId++;
      frames.push({
        text: JSON.stringify({
          jsonrpc: '2.0',
          id,
          method: 'executions/start',
          params: { orchestrator_id: big, execution_type: 'prompt_list', input_data: { prompt_list: [big] } },
        }),
        id,
      });
      id = nextId++;
      frames.push({ text: JSON.stringify({ jsonrpc: '2.0', id, method: 'health/get', params: { [big]: 1 } }), id });
      id = nextId++;
      frames.push({
        text: JSON.stringify({ jsonrpc: '2.0', id: big, method: 'debug/info', params: { x: 1 } }),
        id: big.length > 0 ? undefined : null,
      });
      frames.push({ text: `"${big}`, id: null });
    }
    for (const frame of frames) {
      const reply = await expectError(frame.text, frame.id);
      // Ids, unknown method names and unknown keys are quoted back (as they should be); what matters is that an
      // error is never much larger than what caused it (no amplification).
      assert.ok(
        JSON.stringify(reply).length <= frame.text.length * 3 + 1024,
        `the error amplifies the input: ${frame.text.slice(0, 100)}`,
      );
    }
    await finish('huge strings', frames.length);
  });

  it('survives deep nesting (10k and 100k levels) in params, ids and whole frames', async () => {
    const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    for (const depth of [10_000, 100_000]) {
      for (const nested of [deepArray(depth), deepObject(depth)]) {
        let id = nextId++;
        await expectError(`{"jsonrpc":"2.0","id":${id},"method":"health/get","params":{"x":${nested}}}`, id);
        // KNOWN BUG (reported): a config nested ~2,000+ levels deep overflows the stack in findLiteralApiKeys
        // (config/literalApiKeys.ts), so create answers -32603 instead of -32015. Still a
        // JSON-RPC error and the daemon stays up, which is what this suite requires; the count is printed.
        id = nextId++;
        noteInternal(
          await expectError(
            `{"jsonrpc":"2.0","id":${id},"method":"orchestrators/create","params":{"name":"deep","orchestrator_type":"prompt_sending","parameters":{"objective_target":{"type":"echo"},"deep":${nested}}}}`,
            id,
            true,
          ),
        );
        id = nextId++;
        noteInternal(
          await expectError(
            `{"jsonrpc":"2.0","id":${id},"method":"orchestrators/create","params":{"name":"deep2","orchestrator_type":"prompt_sending","parameters":{"objective_target":{"type":"openai_chat","endpoint":"http://127.0.0.1:9/v1","model":"m","extra_body":{"x":${nested}},"bogus":1}}}}`,
            id,
            true,
          ),
        );
        id = nextId++;
        await expectError(
          `{"jsonrpc":"2.0","id":${id},"method":"orchestrators/create","params":{"name":"deep3","orchestrator_type":"prompt_sending","tags":${nested},"parameters":{}}}`,
          id,
        );
        await expectError(`{"jsonrpc":"2.0","id":${nested},"method":"health/get"}`);
        await expectError(nested);
        await checkHealth(`nesting ${depth}`);
      }
    }
    // Deeper than V8's JSON parser allows: must be a parse error, not a crash.
    await expectError('['.repeat(2_000_000));
    await finish('unterminated 2M-level nesting', 2 * 2 * 6 + 1);
  });

  it('answers binary frames with -32600', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 512 }),
          fc.constant(
            new Uint8Array(Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'daemon/shutdown' }))),
          ),
          fc.constant(
            new Uint8Array(
              Buffer.from(
                JSON.stringify({
                  jsonrpc: '2.0',
                  id: 2,
                  method: 'orchestrators/create',
                  params: EXAMPLES['orchestrators/create'],
                }),
              ),
            ),
          ),
        ),
        async (bytes) => {
          cases += 1;
          casesOfThisTest += 1;
          client.sendBinary(bytes);
          const reply = await client.next(10_000);
          assert.ok(isError(reply), JSON.stringify(reply));
          assert.equal(reply.error?.code, -32600);
          codes.set(-32600, (codes.get(-32600) ?? 0) + 1);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    await finish('binary frames', RUNS);
  });

  it('closes a connection that sends a frame over maxPayload with 1009, and keeps serving others', async () => {
    for (const [size, binary] of [
      [MAX_PAYLOAD_BYTES + 1, false],
      [MAX_PAYLOAD_BYTES + 64 * 1024, true],
    ] as const) {
      const victim = await open();
      cases += 1;
      casesOfThisTest += 1;
      const payload = JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'orchestrators/create',
        params: { name: 'x'.repeat(size), orchestrator_type: 'prompt_sending', parameters: VALID_CONFIG },
      });
      if (binary) victim.sendBinary(Buffer.from(payload));
      else victim.sendText(payload);
      let timer: NodeJS.Timeout | undefined;
      const closed = await Promise.race([
        victim.closed,
        new Promise<never>(
          (_resolve, reject) => (timer = setTimeout(() => reject(new Error('no close within 15 s')), 15_000)),
        ),
      ]).finally(() => clearTimeout(timer));
      assert.equal(closed.code, 1009, `close code ${closed.code} ${closed.reason}`);
      await checkHealth(`oversize frame of ${size} bytes`);
    }
    await finish('oversize frames', 2);
  });
});
