import path from 'node:path';
import { parseJsonText, parseYamlText } from '../parseText';
import { readTextFile } from '../readTextFile';
import { sourceLocator } from '../sourceLocator';
import { readCsvDataset } from './csvDataset';
import { datasetLimits, type DatasetLimits } from './datasetLimits';
import { readJsonDataset } from './jsonDataset';
import type { LoadedDataset } from './loadedPrompt';
import { readSeedPromptDataset } from './seedPromptDataset';
import { InvalidConfigError } from '../../domain/errors';

type DatasetFormat = 'yaml' | 'json' | 'csv';

/** Longest first, so "x.prompt.yaml" loses both extensions in its default dataset name. `.prompt` is PyRIT's own. */
const extensions: readonly [string, DatasetFormat][] = [
  ['.prompt.yaml', 'yaml'],
  ['.prompt.yml', 'yaml'],
  ['.prompt', 'yaml'],
  ['.yaml', 'yaml'],
  ['.yml', 'yaml'],
  ['.json', 'json'],
  ['.csv', 'csv'],
];

function formatOf(filePath: string): { format: DatasetFormat; baseName: string } | undefined {
  const fileName = path.basename(filePath);
  const lower = fileName.toLowerCase();
  for (const [extension, format] of extensions) {
    if (lower.endsWith(extension) && lower.length > extension.length) {
      return { format, baseName: fileName.slice(0, -extension.length) };
    }
  }
  return undefined;
}

/**
 * Reads a dataset file: a PyRIT SeedPromptDataset (YAML), a JSON array of prompts, or a CSV with a "prompt" or
 * "value" column. `datasetPath` may be absolute or relative to `baseDir` (the config file's folder). Every
 * problem — missing, a folder, too big, too many prompts, malformed — is `InvalidConfig` saying what to do.
 *
 * Any file the daemon's user can read is allowed: the daemon runs as that same user and serves only clients
 * holding that user's secret, so a path is no privilege boundary.
 */
export async function loadDataset(
  datasetPath: string,
  baseDir: string,
  limits: DatasetLimits = datasetLimits,
): Promise<LoadedDataset> {
  const resolved = path.resolve(baseDir, datasetPath);
  const kind = formatOf(resolved);
  if (kind === undefined) {
    throw new InvalidConfigError(
      `Dataset ${datasetPath} has a file type the daemon cannot read; use .prompt.yaml, .yaml, .yml or .prompt (PyRIT SeedPromptDataset), .json or .csv.`,
      { file: resolved },
    );
  }
  const text = await readTextFile(resolved, {
    what: 'Dataset',
    shownAs: datasetPath,
    maxBytes: limits.maxBytes,
    notFoundHint: 'A relative dataset path is read from the folder of the config file.',
  });
  const from = { source: datasetPath, fallbackName: kind.baseName };

  let dataset: LoadedDataset;
  switch (kind.format) {
    case 'yaml':
      dataset = readSeedPromptDataset(parseYamlText(text, datasetPath), { ...from, positionOf: sourceLocator(text) });
      break;
    case 'json':
      dataset = readJsonDataset(parseJsonText(text, datasetPath), { ...from, positionOf: sourceLocator(text) });
      break;
    case 'csv':
      dataset = readCsvDataset(text, from);
      break;
  }

  if (dataset.prompts.length === 0) {
    throw new InvalidConfigError(`Dataset ${datasetPath} has no prompts to send (every entry is an objective).`, {
      file: resolved,
    });
  }
  if (dataset.prompts.length > limits.maxPrompts) {
    throw new InvalidConfigError(
      `Dataset ${datasetPath} has ${dataset.prompts.length} prompts; the limit is ${limits.maxPrompts} per execution. Split it into several files.`,
      { file: resolved, prompts: dataset.prompts.length, limit: limits.maxPrompts },
    );
  }
  return dataset;
}
