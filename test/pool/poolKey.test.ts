import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { canonicalJson } from '../../daemon/pool/canonicalJson';
import { poolKey, poolKeyUser } from '../../daemon/pool/poolKey';

describe('poolKey', () => {
  const config = {
    user: 'alice',
    orchestrator_type: 'prompt_sending',
    parameters: { target: { type: 'openai_chat', model: 'gpt-4o' }, batch_size: 5, converters: [{ type: 'rot13' }] },
  };

  it('is a user tag and a sha256 hex digest', () => {
    assert.match(poolKey(config), /^[0-9a-f]{16}:[0-9a-f]{64}$/);
  });

  it("names the user's tag, the same for every config of theirs and never a name", () => {
    const tag = poolKeyUser(poolKey(config));
    assert.equal(poolKeyUser(poolKey({ ...config, parameters: {} })), tag);
    assert.notEqual(poolKeyUser(poolKey({ ...config, user: 'bob' })), tag);
    assert.ok(!poolKey(config).includes('alice'));
    assert.equal(poolKeyUser('not-a-pool-key'), '');
  });

  it('ignores key order at every depth', () => {
    const reordered = {
      parameters: { converters: [{ type: 'rot13' }], batch_size: 5, target: { model: 'gpt-4o', type: 'openai_chat' } },
      orchestrator_type: 'prompt_sending',
      user: 'alice',
    };
    assert.equal(poolKey(reordered), poolKey(config));
  });

  it('never gives two users the same key', () => {
    assert.notEqual(poolKey({ ...config, user: 'bob' }), poolKey(config));
  });

  it('tells apart configs that differ in type, parameters or array order', () => {
    const key = poolKey(config);
    assert.notEqual(poolKey({ ...config, orchestrator_type: 'red_teaming' }), key);
    assert.notEqual(poolKey({ ...config, parameters: { ...config.parameters, batch_size: 6 } }), key);
    const twoConverters = (order: string[]) =>
      poolKey({ ...config, parameters: { converters: order.map((type) => ({ type })) } });
    assert.notEqual(twoConverters(['rot13', 'base64']), twoConverters(['base64', 'rot13']));
  });

  it('treats an unset optional field like an absent one', () => {
    assert.equal(poolKey({ ...config, parameters: { ...config.parameters, seed: undefined } }), poolKey(config));
  });
});

describe('canonicalJson', () => {
  it('sorts keys and writes no whitespace', () => {
    assert.equal(canonicalJson({ b: [1, { d: true, c: null }], a: 'x' }), '{"a":"x","b":[1,{"c":null,"d":true}]}');
  });

  it('sorts integer-like keys as strings, unlike JavaScript property order', () => {
    assert.equal(canonicalJson({ 9: 'a', 10: 'b' }), '{"10":"b","9":"a"}');
  });

  it('refuses values with no JSON form', () => {
    assert.throws(() => canonicalJson({ n: Number.NaN }), TypeError);
    assert.throws(() => canonicalJson(undefined), TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.throws(() => canonicalJson(cyclic), /cycle/);
  });

  it('round-trips through JSON.parse to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        assert.deepEqual(JSON.parse(canonicalJson(value)), JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('does not depend on the order keys were inserted', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse());
        assert.equal(canonicalJson(reversed), canonicalJson(value));
      }),
    );
  });
});
