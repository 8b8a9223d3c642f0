import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { findJsonSyntaxError } from '../../config/jsonSyntaxError';
import { positionAt } from '../../config/textPosition';

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function where(text: string): string {
  const problem = findJsonSyntaxError(text);
  if (problem === undefined) return 'valid';
  const { line, column } = positionAt(text, problem.offset);
  return `${line}:${column} ${problem.message}`;
}

describe('findJsonSyntaxError', () => {
  it('finds the usual mistakes where they are, and says what to do', () => {
    assert.equal(where('{"a": 1,}'), '1:9 a trailing comma before "}" is not allowed in JSON; remove the last ",".');
    assert.equal(where('[1, 2,\n]'), '2:1 a trailing comma before "]" is not allowed in JSON; remove the last ",".');
    assert.equal(
      where('{"a": 1\n "b": 2}'),
      '2:2 a "," is missing before this property (after the value that ends the previous one).',
    );
    assert.equal(where('[1 2]'), '1:4 a "," is missing before this list item.');
    assert.equal(
      where("{'a': 1}"),
      `1:2 JSON strings use double quotes ("), not single quotes; expected a property name in double quotes.`,
    );
    assert.equal(where('{a: 1}'), '1:2 unexpected "a"; expected a property name in double quotes.');
    assert.match(where('{\n  // note\n  "a": 1}'), /^2:3 JSON does not allow comments/);
    assert.equal(
      where('{"a": "line\nbreak"}'),
      '1:12 a line break or tab inside a string must be escaped in JSON (\\n, \\t); or is a closing quote missing?',
    );
    assert.equal(where('{"a": "open'), '1:7 this string is never closed; a closing double quote (") is missing.');
    assert.equal(where('{"a": 1'), '1:8 the file ends too early; expected "," or "}" after a property value.');
    assert.equal(
      where('{"a": 1} x'),
      '1:10 unexpected text after the end of the JSON value; a file holds exactly one value.',
    );
    assert.equal(where('  \n'), '1:1 the file is empty; expected a JSON object ({…}).');
    assert.match(where('{"a": "\\x"}'), /^1:8 invalid escape in a string/);
    assert.match(where('{"a": "\\u12"}'), /^1:8 invalid \\u escape/);
    assert.equal(where('{"a": 01}'), '1:8 unexpected "1"; expected "," or "}" after a property value.');
    assert.equal(
      where('{"a": tru}'),
      '1:7 unexpected "t"; expected a value (a "string", a number, {…}, […], true, false or null).',
    );
  });

  it('accepts every JSON text JSON.stringify writes, however indented', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 1, 2, '\t'), (value, indent) => {
        assert.equal(findJsonSyntaxError(JSON.stringify(value, null, indent)), undefined);
      }),
    );
  });

  it('agrees with JSON.parse on which texts are JSON, and points inside the text', () => {
    const jsonish = fc
      .array(
        fc.constantFrom(
          '{',
          '}',
          '[',
          ']',
          ',',
          ':',
          '"',
          '"a"',
          '1',
          '-',
          '0',
          '.5',
          'e3',
          'true',
          'nul',
          ' ',
          '\n',
          '\\',
          '\\u00e9',
          "'",
          '/',
        ),
        {
          maxLength: 16,
        },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(jsonish, (text) => {
        const problem = findJsonSyntaxError(text);
        assert.equal(problem === undefined, parsesAsJson(text), `disagreement on ${JSON.stringify(text)}`);
        if (problem !== undefined) assert.ok(problem.offset >= 0 && problem.offset <= text.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('does not crash on nesting deeper than the stack', () => {
    const deep = '['.repeat(200_000);
    assert.notEqual(findJsonSyntaxError(deep), undefined);
  });
});
