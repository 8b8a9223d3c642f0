import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '../..');
const fixture = fs.readFileSync(path.join(__dirname, 'fixtures/forbiddenImports.txt'), 'utf8');

/**
 * The project's own eslint.config.mjs, run on a fixture that imports daemon internals, as if the fixture sat in
 * each folder. Only the import rule runs: the type-aware rules need a file the TypeScript project knows.
 */
async function restrictedImportErrors(asFile: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
    ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  });
  const [result] = await eslint.lintText(fixture, { filePath: path.join(root, asFile) });
  assert.ok(result, `ESLint linted ${asFile}`);
  const fatal = result.messages.filter((message) => message.fatal);
  assert.deepEqual(fatal, [], `the fixture parses as ${asFile}`);
  return result.messages.map((message) => message.message);
}

describe('the import boundary (eslint no-restricted-imports)', () => {
  for (const folder of ['extension', 'webview', 'protocol', 'client', 'config', 'domain']) {
    it(`refuses an import of daemon/ from ${folder}/`, async () => {
      const errors = await restrictedImportErrors(`${folder}/lintFixture.ts`);
      assert.equal(errors.length, 2, `both the import and the re-export are refused: ${errors.join(' | ')}`);
      assert.ok(errors.every((message) => /daemon|browser/.test(message)));
    });
  }

  it('lets daemon/, tests and the bench import daemon internals', async () => {
    for (const file of ['daemon/lintFixture.ts', 'test/lintFixture.ts', 'bench/lintFixture.ts']) {
      assert.deepEqual(await restrictedImportErrors(file), [], file);
    }
  });

  it('keeps webview code to protocol/ and domain/', async () => {
    const [result] = await new ESLint({
      cwd: root,
      overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
      ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
    }).lintText("import { x } from '../../config/index';\nimport type { y } from '../../protocol/methods';\n", {
      filePath: path.join(root, 'webview/resultsPanel/lintFixture.ts'),
    });
    assert.equal(result?.messages.length, 1);
    assert.equal(result?.messages[0]?.line, 1);
  });
});
