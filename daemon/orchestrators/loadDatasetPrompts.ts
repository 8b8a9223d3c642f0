import path from 'node:path';
import { loadDataset } from '../../config';

/** The daemon reads a dataset a client names by absolute path: same user, same machine, no upload needed. */
export async function loadDatasetPrompts(datasetPath: string): Promise<{ prompts: string[]; datasetName: string }> {
  const dataset = await loadDataset(datasetPath, path.dirname(datasetPath));
  return { prompts: dataset.prompts.map((prompt) => prompt.value), datasetName: dataset.dataset_name };
}
