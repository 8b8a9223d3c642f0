import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateConfig } from '../../config';
import { invalidConfigOf } from './invalidConfigAssertions';

/**
 * Regex scorer patterns run on a linear-time engine (RE2 syntax): what it cannot run is refused when the config is
 * validated, naming the feature, rather than failing on the first answer of a run.
 */
function withRegex(scorer: Record<string, unknown>): Record<string, unknown> {
  return {
    name: 'regex',
    orchestrator_type: 'prompt_sending',
    parameters: { objective_target: { type: 'echo' }, scorers: [{ type: 'regex', ...scorer }] },
  };
}

function refusal(scorer: Record<string, unknown>): { message: string; path: string | undefined } {
  const { message, data } = invalidConfigOf(() => validateConfig(withRegex(scorer)));
  return { message, path: data.path };
}

describe('regex scorer patterns: what the linear-time engine takes', () => {
  const unsupported: [string, string][] = [
    ['secret(?=:)', 'lookahead (?=…)'],
    ['secret(?!:)', 'negative lookahead (?!…)'],
    ['(?<=key: )\\w+', 'lookbehind (?<=…)'],
    ['(?<!no )secret', 'negative lookbehind (?<!…)'],
    ['(\\w)\\1', 'backreference \\1'],
    ['(?<word>\\w+) \\k<word>', 'named backreference \\k<…>'],
  ];
  for (const [pattern, feature] of unsupported) {
    it(`refuses ${feature}, naming it`, () => {
      const { message, path } = refusal({ pattern });
      assert.equal(path, '$.parameters.scorers[0].pattern');
      assert.ok(
        message.includes(`${feature} is not supported: patterns run on a linear-time engine`),
        `${pattern}: ${message}`,
      );
    });
  }

  it('takes the same characters when they are escaped or inside a class', () => {
    for (const pattern of ['\\(?=x\\)', '[(?=]', '[(?<!]', '\\\\1', 'x(?:y)', '(?<name>x)', '(?i)secret']) {
      assert.doesNotThrow(() => validateConfig(withRegex({ pattern })), pattern);
    }
  });

  it('takes RE2 syntax: \\x{…} code points, Unicode classes, (?P<name>…) groups', () => {
    for (const pattern of ['\\x{1F600}', '\\p{Greek}+', '(?P<name>x)', '\\d{3}-\\d{2}-\\d{4}']) {
      assert.doesNotThrow(() => validateConfig(withRegex({ pattern })), pattern);
    }
  });

  it('refuses a pattern that does not compile, saying it is RE2 syntax', () => {
    const { message, path } = refusal({ pattern: '(unclosed' });
    assert.equal(path, '$.parameters.scorers[0].pattern');
    assert.match(message, /Not a valid RE2 regular expression/);
  });

  it('takes the flags i, m, s and u, and refuses g, y, d, v and repeated ones', () => {
    for (const flags of ['', 'i', 'm', 's', 'u', 'imsu']) {
      assert.doesNotThrow(() => validateConfig(withRegex({ pattern: 'a', flags })), flags);
    }
    for (const flags of ['g', 'y', 'd', 'v', 'ii']) {
      const { message, path } = refusal({ pattern: 'a', flags });
      assert.equal(path, '$.parameters.scorers[0].flags', flags);
      assert.match(message, /i, m, s and u/, flags);
    }
  });
});
