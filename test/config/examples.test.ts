import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadConfigFile, loadDataset } from '../../config';
import { readOrchestratorFile } from '../../config/readOrchestratorFile';
import { readManyShotExamples } from '../../config/datasets/manyShotExamples';

const examples = path.join(__dirname, '..', '..', 'examples');

describe('examples/', () => {
  const configs = fs.readdirSync(examples).filter((name) => /\.orchestrator\.(json|ya?ml)$/.test(name));

  it('has the echo and Ollama examples', () => {
    assert.ok(configs.includes('echo-basics.orchestrator.json'));
    assert.ok(configs.includes('ollama-basics.orchestrator.json'));
  });

  for (const name of configs) {
    it(`${name} validates and its input loads`, async () => {
      const loaded = await loadConfigFile(path.join(examples, name));
      assert.ok((loaded.prompts?.length ?? 0) > 0);
    });
  }

  it('echo-basics runs offline: echo target, a suffix, a substring scorer for the canary word (not the echo prefix)', async () => {
    const { config } = await loadConfigFile(path.join(examples, 'echo-basics.orchestrator.json'));
    // The parameters union spans every orchestrator type; these examples are prompt_sending ones.
    if (!('scorers' in config.parameters)) throw new Error(`expected prompt_sending, got ${config.orchestrator_type}`);
    assert.equal(config.parameters.objective_target.type, 'echo');
    assert.deepEqual(
      config.parameters.prompt_converters.map((converter) => converter.type),
      ['suffix_append'],
    );
    assert.deepEqual(
      config.parameters.scorers.map((scorer) => scorer.type),
      ['substring'],
    );
    // The echo answers "echo: <prompt>": a scorer matching the prefix would call every prompt jailbroken.
    const [scorer] = config.parameters.scorers;
    assert.ok(scorer?.type === 'substring' && scorer.substring === 'PWNED');
    assert.ok(/PWNED/.test(config.description ?? ''), 'the description says what the scorer looks for');
  });

  it('ollama-basics targets a local Ollama with llama3.2, and scores refusals and a substring', async () => {
    const { config } = await loadConfigFile(path.join(examples, 'ollama-basics.orchestrator.json'));
    // The parameters union spans every orchestrator type; these examples are prompt_sending ones.
    if (!('scorers' in config.parameters)) throw new Error(`expected prompt_sending, got ${config.orchestrator_type}`);
    const target = config.parameters.objective_target;
    assert.equal(target.type, 'openai_chat');
    if (target.type === 'openai_chat') {
      assert.equal(target.endpoint, 'http://127.0.0.1:11434/v1/chat/completions');
      assert.equal(target.model, 'llama3.2');
    }
    assert.deepEqual(
      config.parameters.scorers.map((scorer) => scorer.type),
      ['refusal', 'substring'],
    );
  });

  it('many-shot basics points at its benign examples file, which holds user/assistant pairs', async () => {
    const file = await readOrchestratorFile(path.join(examples, 'many-shot.orchestrator.json'));
    const examplesPath = file.parameters.examples_path;
    assert.equal(typeof examplesPath, 'string');
    const loaded = readManyShotExamples(fs.readFileSync(String(examplesPath), 'utf8'), String(examplesPath));
    assert.equal(loaded.length, 10);
    assert.ok(loaded.length >= Number(file.parameters.example_count));
  });

  it('the benign dataset says the same in YAML, JSON and CSV', async () => {
    const datasets = path.join(examples, 'datasets');
    const [yaml, json, csv] = await Promise.all(
      ['benign-basics.prompt.yaml', 'benign-basics.json', 'benign-basics.csv'].map((file) =>
        loadDataset(file, datasets),
      ),
    );
    assert.equal(yaml?.prompts.length, 12);
    const comparable = (prompts: typeof json.prompts) =>
      prompts.map(({ value, harm_categories, name }) => ({ value, harm_categories, name }));
    assert.deepEqual(comparable(json.prompts), comparable(yaml.prompts));
    assert.deepEqual(comparable(csv.prompts), comparable(yaml.prompts));
  });
});
