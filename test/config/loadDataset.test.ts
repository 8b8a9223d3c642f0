import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { datasetLimits, loadDataset } from '../../config';
import { invalidConfigOfAsync, temporaryFolder } from './invalidConfigAssertions';

const folder = temporaryFolder();

describe('loadDataset: PyRIT SeedPromptDataset YAML', () => {
  it('reads prompts, merging dataset-level defaults into each as PyRIT does', async () => {
    folder.write(
      'datasets/illegal.prompt.yaml',
      [
        'dataset_name: demo_set',
        'description: Two prompts',
        'harm_categories: [benign]',
        'authors: [someone]',
        'source: hand-written',
        'prompts:',
        '  - value: What is the capital of France?',
        '    harm_categories: [geography, benign]',
        '    name: capital',
        '    metadata: { difficulty: 1 }',
        '  - value: |',
        '      Line one',
        '      Line two',
        '    data_type: text',
        '    harm_categories: trivia',
        '  - value: The goal, not a prompt',
        '    is_objective: true',
        '',
      ].join('\n'),
    );
    const dataset = await loadDataset('datasets/illegal.prompt.yaml', folder.dir);
    assert.equal(dataset.dataset_name, 'demo_set');
    assert.equal(dataset.description, 'Two prompts');
    assert.deepEqual(dataset.prompts, [
      {
        value: 'What is the capital of France?',
        data_type: 'text',
        harm_categories: ['benign', 'geography'],
        dataset_name: 'demo_set',
        name: 'capital',
        metadata: { difficulty: 1 },
      },
      {
        value: 'Line one\nLine two\n',
        data_type: 'text',
        harm_categories: ['benign', 'trivia'],
        dataset_name: 'demo_set',
      },
    ]);
  });

  it("reads PyRIT's own .prompt extension and names the dataset after the file when it has no dataset_name", async () => {
    const file = folder.write('seeds/jailbreak.prompt', 'prompts:\n  - value: hi\n');
    const dataset = await loadDataset(file, '/somewhere/else');
    assert.equal(dataset.dataset_name, 'jailbreak');
    assert.deepEqual(dataset.prompts, [
      { value: 'hi', data_type: 'text', harm_categories: [], dataset_name: 'jailbreak' },
    ]);
  });

  it('reports a bad entry with its path and line', async () => {
    folder.write(
      'bad.yaml',
      'dataset_name: x\nprompts:\n  - value: fine\n  - "just a string"\n  - value: ok\n    data_type: video\n',
    );
    const { message, data } = await invalidConfigOfAsync(() => loadDataset('bad.yaml', folder.dir));
    assert.deepEqual(
      data.issues?.map((issue) => [issue.path, issue.line]),
      [
        ['$.prompts[1]', 4],
        ['$.prompts[2].data_type', 6],
      ],
    );
    assert.match(message, /Invalid dataset in bad\.yaml/);
    assert.match(message, /a prompt entry with a "value" field/);
    assert.match(message, /expected one of "text", "image_path"/);
  });

  it('reports YAML syntax errors with line and column', async () => {
    folder.write('broken.yaml', 'prompts:\n  - value: "unterminated\n');
    const { message, data } = await invalidConfigOfAsync(() => loadDataset('broken.yaml', folder.dir));
    assert.match(message, /^YAML syntax error in broken\.yaml at line \d+, column \d+: /);
    assert.equal(typeof data.line, 'number');
  });
});

describe('loadDataset: JSON', () => {
  it('reads an array of strings', async () => {
    folder.write('list.json', JSON.stringify(['one', 'two']));
    const dataset = await loadDataset('list.json', folder.dir);
    assert.equal(dataset.dataset_name, 'list');
    assert.deepEqual(
      dataset.prompts.map((prompt) => [prompt.value, prompt.data_type]),
      [
        ['one', 'text'],
        ['two', 'text'],
      ],
    );
  });

  it('reads objects with "value" or "prompt", keeping their categories, name and metadata', async () => {
    folder.write(
      'objects.json',
      JSON.stringify([
        { value: 'a', harm_categories: ['x'], name: 'first' },
        { prompt: 'b', metadata: { k: 'v' } },
      ]),
    );
    const dataset = await loadDataset('objects.json', folder.dir);
    assert.deepEqual(dataset.prompts, [
      { value: 'a', data_type: 'text', harm_categories: ['x'], dataset_name: 'objects', name: 'first' },
      { value: 'b', data_type: 'text', harm_categories: [], dataset_name: 'objects', metadata: { k: 'v' } },
    ]);
  });

  it('reads a SeedPromptDataset written as JSON', async () => {
    folder.write(
      'seed.json',
      JSON.stringify({ dataset_name: 'seeded', harm_categories: ['h'], prompts: [{ value: 'p' }] }),
    );
    const dataset = await loadDataset('seed.json', folder.dir);
    assert.equal(dataset.dataset_name, 'seeded');
    assert.deepEqual(dataset.prompts[0]?.harm_categories, ['h']);
  });

  it('points at the bad entry', async () => {
    folder.write('bad.json', '[\n  "fine",\n  {"name": "no value"},\n  ""\n]\n');
    const { data } = await invalidConfigOfAsync(() => loadDataset('bad.json', folder.dir));
    assert.deepEqual(
      data.issues?.map((issue) => [issue.path, issue.line]),
      [
        ['$[1]', 3],
        ['$[2]', 4],
      ],
    );
    assert.match(data.issues?.[0]?.message ?? '', /"value" \(or "prompt"\)/);
  });

  it('refuses something that is not a list of prompts', async () => {
    folder.write('object.json', '{"prompt_list": ["a"]}');
    const { data } = await invalidConfigOfAsync(() => loadDataset('object.json', folder.dir));
    assert.equal(data.path, '$');
    assert.match(data.expected ?? '', /a list of prompts/);
  });

  it('reports JSON syntax errors with line and column', async () => {
    folder.write('syntax.json', '[\n  "a",\n  "b",\n]\n');
    const { message, data } = await invalidConfigOfAsync(() => loadDataset('syntax.json', folder.dir));
    assert.equal(
      message,
      'JSON syntax error in syntax.json at line 4, column 1: a trailing comma before "]" is not allowed in JSON; remove the last ",".',
    );
    assert.equal(data.line, 4);
    assert.equal(data.column, 1);
  });
});

describe('loadDataset: CSV', () => {
  it('reads the "prompt" column, splitting harm_categories and keeping other columns as metadata', async () => {
    folder.write(
      'rows.csv',
      '\ufeffPrompt,harm_categories,name,source\n"Hello, world",benign; greeting,hello,manual\n"Two\nlines",,,\n\n',
    );
    const dataset = await loadDataset('rows.csv', folder.dir);
    assert.equal(dataset.dataset_name, 'rows');
    assert.deepEqual(dataset.prompts, [
      {
        value: 'Hello, world',
        data_type: 'text',
        harm_categories: ['benign', 'greeting'],
        dataset_name: 'rows',
        name: 'hello',
        metadata: { source: 'manual' },
      },
      { value: 'Two\nlines', data_type: 'text', harm_categories: [], dataset_name: 'rows' },
    ]);
  });

  it('reads a "value" column too', async () => {
    folder.write('values.csv', 'value\nfirst\nsecond\n');
    assert.deepEqual(
      (await loadDataset('values.csv', folder.dir)).prompts.map((prompt) => prompt.value),
      ['first', 'second'],
    );
  });

  it('needs a prompt column, and says what is missing without quoting the file', async () => {
    // No header row: the first line is a prompt, which may be anything (a jailbreak, a secret); it must not travel
    // into an error that ends up in a notification, a log or a CI transcript.
    const firstLine = 'Tell me the launch code 7431-SECRET,weapons';
    folder.write('noheader.csv', `${firstLine}\nanother prompt,x\n`);
    const { message, data } = await invalidConfigOfAsync(() => loadDataset('noheader.csv', folder.dir));
    assert.match(
      message,
      /at line 1: expected a header row with a "prompt" \(or "value"\) column; the first row has 2 columns and none is named "prompt" or "value"/,
    );
    for (const fragment of ['launch code', '7431-SECRET', 'weapons', 'another prompt'])
      assert.ok(!JSON.stringify({ message, data }).includes(fragment), `the error quotes ${fragment}`);
  });

  it("reports a malformed quote by line, without the parser's quote of the cell", async () => {
    folder.write('badquote.csv', 'prompt,x\n"fine"Zebra-secret,1\n');
    const { message } = await invalidConfigOfAsync(() => loadDataset('badquote.csv', folder.dir));
    assert.match(message, /at line 2: /);
    assert.doesNotMatch(message, /"Z/, 'not even the first character of the cell');
  });

  it('refuses an empty prompt cell, naming its line', async () => {
    folder.write('empty.csv', 'prompt\nok\n   \n');
    const { message } = await invalidConfigOfAsync(() => loadDataset('empty.csv', folder.dir));
    assert.match(message, /at line 3: the prompt cell is empty/);
  });

  it('reports malformed CSV with its line', async () => {
    folder.write('ragged.csv', 'prompt,name\na,b\nc,d,e\n');
    const { message } = await invalidConfigOfAsync(() => loadDataset('ragged.csv', folder.dir));
    assert.match(message, /^Invalid dataset in ragged\.csv at line 3: /);
  });

  it('refuses a file with a header and no rows', async () => {
    folder.write('header-only.csv', 'prompt\n');
    const { message } = await invalidConfigOfAsync(() => loadDataset('header-only.csv', folder.dir));
    assert.match(message, /there are no prompts/);
  });
});

describe('loadDataset: the path guard and limits', () => {
  it('resolves relative paths from the base folder and accepts absolute ones', async () => {
    const file = folder.write('nested/deeper/abs.json', '["x"]');
    assert.equal((await loadDataset(file, '/')).prompts.length, 1);
    assert.equal((await loadDataset('deeper/abs.json', path.join(folder.dir, 'nested'))).prompts.length, 1);
  });

  it('a missing file says so, with the resolved path', async () => {
    const { message } = await invalidConfigOfAsync(() => loadDataset('datasets/missing.csv', folder.dir));
    assert.match(
      message,
      /^Dataset datasets\/missing\.csv \(resolved to .*missing\.csv\) was not found\. A relative dataset path is read from the folder of the config file\.$/,
    );
  });

  it('a folder is not a dataset', async () => {
    fs.mkdirSync(path.join(folder.dir, 'folder.json'), { recursive: true });
    const { message } = await invalidConfigOfAsync(() => loadDataset('folder.json', folder.dir));
    assert.match(message, /is a folder; give the path of a file\./);
  });

  it('an unknown extension names the ones that work', async () => {
    folder.write('prompts.txt', 'hello');
    const { message } = await invalidConfigOfAsync(() => loadDataset('prompts.txt', folder.dir));
    assert.match(message, /\.prompt\.yaml, \.yaml, \.yml or \.prompt \(PyRIT SeedPromptDataset\), \.json or \.csv/);
  });

  it(`refuses more than ${datasetLimits.maxPrompts} prompts`, async () => {
    folder.write('many.json', JSON.stringify(Array.from({ length: datasetLimits.maxPrompts + 1 }, () => 'p')));
    const { message } = await invalidConfigOfAsync(() => loadDataset('many.json', folder.dir));
    assert.match(message, /has 100001 prompts; the limit is 100000 per execution\. Split it into several files\./);
  });

  it('refuses a file over 50 MB before reading it', async () => {
    const file = folder.write('huge.csv', '');
    fs.truncateSync(file, datasetLimits.maxBytes + 1); // sparse: costs no disk and no read
    const { message } = await invalidConfigOfAsync(() => loadDataset('huge.csv', folder.dir));
    assert.match(message, /is 50\.1 MB; the limit is 50 MB\. Split it into smaller files\./);
  });

  it('takes other limits when given', async () => {
    folder.write('three.json', '["a","b","c"]');
    const { message } = await invalidConfigOfAsync(() =>
      loadDataset('three.json', folder.dir, { maxPrompts: 2, maxBytes: 1000 }),
    );
    assert.match(message, /the limit is 2 per execution/);
  });
});
