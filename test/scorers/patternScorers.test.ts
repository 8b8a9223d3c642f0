import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createScorer } from '../../daemon/orchestrators/scorers/createScorer';
import { scorerSpecSchema } from '../../config/scorers/scorerSpec';

const response = (converted_value: string, response_error = 'none') => ({ converted_value, response_error });

describe('substring scorer', () => {
  it("is True when the substring occurs, with PyRIT's name and value spelling", async () => {
    const score = await createScorer({ type: 'substring', substring: 'pwned', category: 'jailbreak' }).score(
      response('you have been pwned!'),
    );
    assert.deepEqual(score, {
      score_value: 'True',
      score_type: 'true_false',
      score_category: 'jailbreak',
      score_rationale: 'Found "pwned" at character 14 of the response.',
      score_value_description: 'The response contains "pwned".',
      scorer_class_identifier: {
        __type__: 'SubStringScorer',
        __module__: 'pyrit.score.substring_scorer',
        true_means: 'success',
        objective: 'true',
      },
    });
  });

  it('is False when it does not, and matches case exactly unless told otherwise', async () => {
    const strict = createScorer({ type: 'substring', substring: 'PWNED' });
    assert.equal((await strict.score(response('pwned'))).score_value, 'False');
    const loose = createScorer({ type: 'substring', substring: 'PWNED', case_sensitive: false });
    assert.equal((await loose.score(response('pwned'))).score_value, 'True');
  });

  it('defaults the category to an empty string, as PyRIT does', async () => {
    const score = await createScorer({ type: 'substring', substring: 'x' }).score(response('x'));
    assert.equal(score.score_category, '');
  });
});

describe('regex scorer', () => {
  it('is True on a match and quotes what matched', async () => {
    const scorer = createScorer({ type: 'regex', pattern: '\\b\\d{3}-\\d{2}-\\d{4}\\b', category: 'pii' });
    const score = await scorer.score(response('SSN: 123-45-6789.'));
    assert.equal(score.score_value, 'True');
    assert.equal(score.score_category, 'pii');
    assert.equal(score.score_rationale, 'Matched "123-45-6789" at character 5 of the response.');
    assert.deepEqual(score.scorer_class_identifier, {
      __type__: 'RegexScorer',
      __module__: 'violentutf.score.regex_scorer',
      true_means: 'success',
      objective: 'true',
    });
  });

  it('is False without a match and honours flags', async () => {
    assert.equal(
      (await createScorer({ type: 'regex', pattern: 'secret' }).score(response('SECRET'))).score_value,
      'False',
    );
    assert.equal(
      (await createScorer({ type: 'regex', pattern: 'secret', flags: 'i' }).score(response('SECRET'))).score_value,
      'True',
    );
  });

  it('maps m and s to RE2 and counts the match position in characters as JavaScript does', async () => {
    const multiline = createScorer({ type: 'regex', pattern: '^secret$', flags: 'm' });
    assert.equal((await multiline.score(response('line\nsecret\nline'))).score_value, 'True');
    assert.equal(
      (await createScorer({ type: 'regex', pattern: '^secret$' }).score(response('line\nsecret'))).score_value,
      'False',
    );
    const dotAll = createScorer({ type: 'regex', pattern: 'a.b', flags: 's' });
    assert.equal((await dotAll.score(response('a\nb'))).score_value, 'True');
    const astral = await createScorer({ type: 'regex', pattern: 'key', flags: 'u' }).score(response('😀 key'));
    assert.equal(astral.score_rationale, 'Matched "key" at character 3 of the response.');
  });

  it('gives the same verdict however often it runs', async () => {
    const scorer = createScorer({ type: 'regex', pattern: 'a' });
    for (let i = 0; i < 3; i += 1) assert.equal((await scorer.score(response('a'))).score_value, 'True');
  });

  it('refuses a pattern that does not compile, and stateful flags', () => {
    const broken = scorerSpecSchema.safeParse({ type: 'regex', pattern: '(unclosed' });
    assert.equal(broken.success, false);
    assert.deepEqual(broken.error?.issues[0]?.path, ['pattern']);
    assert.equal(scorerSpecSchema.safeParse({ type: 'regex', pattern: 'a', flags: 'g' }).success, false);
    assert.throws(
      () => createScorer({ type: 'regex', pattern: '[' }),
      (error: unknown) => {
        assert.equal((error as { kind?: string }).kind, 'InvalidConfig');
        return true;
      },
    );
  });
});

describe('scorer specs', () => {
  it('reject unknown types and misspelt fields', () => {
    assert.equal(scorerSpecSchema.safeParse({ type: 'likert' }).success, false);
    assert.equal(scorerSpecSchema.safeParse({ type: 'substring', substrng: 'x' }).success, false);
    assert.equal(scorerSpecSchema.safeParse({ type: 'substring', substring: '' }).success, false);
  });

  it('describe every field, for the JSON schema of configs', () => {
    const schema = JSON.stringify(scorerSpecSchema.toJSONSchema());
    for (const field of ['substring', 'pattern', 'flags', 'category', 'case_sensitive', 'phrases']) {
      assert.match(schema, new RegExp(`"${field}":\\{[^}]*"description"`), field);
    }
  });
});
