import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { protocolJsonSchemaText } from '../../protocol/jsonSchema';
import { requests } from '../../protocol/methods';

const committed = path.join(__dirname, '..', '..', 'docs', 'protocol.schema.json');
const protocolDoc = path.join(__dirname, '..', '..', 'docs', 'protocol.md');

describe('protocol schema', () => {
  it('docs/protocol.schema.json matches protocol/ (run `npm run schema` after changing the protocol)', () => {
    assert.equal(fs.readFileSync(committed, 'utf8'), protocolJsonSchemaText());
  });

  it('docs/protocol.md documents every request method', () => {
    const doc = fs.readFileSync(protocolDoc, 'utf8');
    const missing = Object.keys(requests).filter((method) => !doc.includes(`\`${method}\``));
    assert.deepEqual(missing, []);
  });
});
