import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadConfigFile, resolveInput, validateConfig } from '../../config';
import { invalidConfigOfAsync, temporaryFolder } from './invalidConfigAssertions';

const folder = temporaryFolder();

const jsonConfig = {
  name: 'json config',
  orchestrator_type: 'prompt_sending',
  parameters: {
    objective_target: { type: 'echo' },
    prompt_converters: [{ type: 'rot13' }],
    scorers: [{ type: 'refusal' }],
  },
  input: { dataset: 'data/prompts.csv' },
};

const yamlConfig = `# comments are fine in YAML
name: yaml config
orchestrator_type: prompt_sending
parameters:
  objective_target:
    type: http
    url: http://127.0.0.1:8080/chat
    response_path: choices.0.message.content
    api_key_env: MY_KEY
  prompt_converters:
    - type: string_join
      join_value: "*"
  batch_size: 2
input:
  prompt_list:
    - first prompt
    - second prompt
`;

describe('loadConfigFile', () => {
  it('reads a JSON config and the dataset it names, relative to the config file', async () => {
    folder.write('attacks/data/prompts.csv', 'prompt\nhello\nworld\n');
    const file = folder.write('attacks/basics.orchestrator.json', JSON.stringify(jsonConfig, null, 2));
    const loaded = await loadConfigFile(file);
    assert.equal(loaded.config.name, 'json config');
    assert.equal(loaded.configDir, path.join(folder.dir, 'attacks'));
    assert.deepEqual(
      loaded.prompts?.map((prompt) => prompt.value),
      ['hello', 'world'],
    );
  });

  it('reads a YAML config (.yaml and .yml) with an inline prompt list', async () => {
    for (const name of ['yaml.orchestrator.yaml', 'yml.orchestrator.yml']) {
      const loaded = await loadConfigFile(folder.write(name, yamlConfig));
      assert.equal(loaded.config.name, 'yaml config');
      const target = loaded.config.parameters.objective_target;
      assert.equal(target.type === 'http' ? target.method : undefined, 'POST');
      assert.deepEqual(loaded.prompts, [
        { value: 'first prompt', data_type: 'text', harm_categories: [] },
        { value: 'second prompt', data_type: 'text', harm_categories: [] },
      ]);
    }
  });

  it('returns no prompts for a config without input', async () => {
    const { input: _input, ...withoutInput } = jsonConfig;
    const loaded = await loadConfigFile(folder.write('no-input.orchestrator.json', JSON.stringify(withoutInput)));
    assert.equal(loaded.prompts, undefined);
  });

  it('a missing file is InvalidConfig saying so', async () => {
    const { message } = await invalidConfigOfAsync(() =>
      loadConfigFile(path.join(folder.dir, 'nope.orchestrator.json')),
    );
    assert.match(message, /^Config file .*nope\.orchestrator\.json was not found\.$/);
  });

  it('a file of another type is refused', async () => {
    const { message } = await invalidConfigOfAsync(() => loadConfigFile(folder.write('x.orchestrator.toml', '')));
    assert.match(message, /must end in \.json, \.yaml or \.yml/);
  });

  it('a JSON syntax error names line and column', async () => {
    const file = folder.write(
      'syntax.orchestrator.json',
      '{\n  "name": "x",\n  "orchestrator_type": "prompt_sending"\n  "parameters": {}\n}\n',
    );
    const { message, data } = await invalidConfigOfAsync(() => loadConfigFile(file));
    assert.equal(
      message,
      `JSON syntax error in ${file} at line 4, column 3: a "," is missing before this property (after the value that ends the previous one).`,
    );
    assert.deepEqual([data.line, data.column], [4, 3]);
  });

  it('a YAML syntax error names line and column', async () => {
    const file = folder.write('syntax.orchestrator.yaml', 'name: x\nparameters:\n  a: 1\n   b: 2\n');
    const { message, data } = await invalidConfigOfAsync(() => loadConfigFile(file));
    assert.match(message, /^YAML syntax error in .*syntax\.orchestrator\.yaml at line \d+, column \d+: /);
    assert.equal(typeof data.line, 'number');
  });

  it('a duplicate YAML key is refused rather than silently taking the last', async () => {
    const file = folder.write('dup.orchestrator.yaml', 'name: a\nname: b\n');
    const { message } = await invalidConfigOfAsync(() => loadConfigFile(file));
    assert.match(message, /a key appears twice/);
  });

  it('validation errors carry the line and column of the field, in JSON and YAML', async () => {
    const json = folder.write(
      'invalid.orchestrator.json',
      JSON.stringify(
        {
          ...jsonConfig,
          parameters: {
            ...jsonConfig.parameters,
            prompt_converters: [{ type: 'rot13' }, { type: 'caesar', caesar_offset: 99 }],
          },
        },
        null,
        2,
      ),
    );
    const fromJson = await invalidConfigOfAsync(() => loadConfigFile(json));
    assert.equal(fromJson.data.path, '$.parameters.prompt_converters[1].caesar_offset');
    assert.deepEqual([fromJson.data.issues?.[0]?.line, fromJson.data.issues?.[0]?.column], [14, 9]);
    assert.match(
      fromJson.message,
      /at \$\.parameters\.prompt_converters\[1\]\.caesar_offset \(line 14, column 9\): expected at most 25, got 99\./,
    );

    const yaml = folder.write(
      'invalid.orchestrator.yaml',
      yamlConfig.replace('batch_size: 2', 'batch_size: 2\n  bacth: 3'),
    );
    const fromYaml = await invalidConfigOfAsync(() => loadConfigFile(yaml));
    assert.equal(fromYaml.data.path, '$.parameters.bacth');
    assert.deepEqual([fromYaml.data.issues?.[0]?.line, fromYaml.data.issues?.[0]?.column], [14, 3]);
  });

  it('a literal API key in a YAML file is refused with its line', async () => {
    const file = folder.write(
      'keyed.orchestrator.yaml',
      yamlConfig.replace('api_key_env: MY_KEY', 'api_key: sk-live-0123456789'),
    );
    const { message, data } = await invalidConfigOfAsync(() => loadConfigFile(file));
    assert.equal(data.path, '$.parameters.objective_target.api_key');
    assert.equal(data.issues?.[0]?.line, 9);
    assert.ok(!message.includes('sk-live'));
  });

  it('a dataset that does not exist is reported with the path as written', async () => {
    const file = folder.write(
      'other/missing.orchestrator.json',
      JSON.stringify({ ...jsonConfig, input: { dataset: 'nowhere.yaml' } }),
    );
    const { message } = await invalidConfigOfAsync(() => loadConfigFile(file));
    assert.match(message, /^Dataset nowhere\.yaml \(resolved to .*other\/nowhere\.yaml\) was not found\./);
  });
});

describe('resolveInput', () => {
  it('turns a prompt_list into text prompts', async () => {
    const config = validateConfig({ ...jsonConfig, input: { prompt_list: ['a', 'b'] } });
    assert.deepEqual(await resolveInput(config, '/unused'), [
      { value: 'a', data_type: 'text', harm_categories: [] },
      { value: 'b', data_type: 'text', harm_categories: [] },
    ]);
  });

  it('reads a dataset relative to the given folder', async () => {
    folder.write('resolve/set.json', '["x", "y", "z"]');
    const config = validateConfig({ ...jsonConfig, input: { dataset: 'set.json' } });
    assert.equal((await resolveInput(config, path.join(folder.dir, 'resolve'))).length, 3);
  });

  it('says what to add when the config has no input', async () => {
    const { input: _input, ...withoutInput } = jsonConfig;
    const { data } = await invalidConfigOfAsync(() => resolveInput(validateConfig(withoutInput), folder.dir));
    assert.equal(data.path, '$.input');
  });
});
