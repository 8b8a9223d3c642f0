import { CsvError, parse } from 'csv-parse/sync';
import { combineCategories } from './harmCategories';
import { promptDataTypeSchema, type LoadedDataset, type LoadedPrompt, type PromptMetadata } from './loadedPrompt';
import { type DomainError, InvalidConfigError } from '../../domain/errors';

/** Columns with a meaning; any other column travels along as the prompt's metadata. */
const promptColumns = ['prompt', 'value'];
const knownColumns = new Set([...promptColumns, 'harm_categories', 'data_type', 'name']);

/** Commas would need quoting inside a CSV cell, so categories are separated by ";" (a "," works too). */
function splitCategories(cell: string | undefined): string[] {
  return combineCategories(
    (cell ?? '')
      .split(/[;,]/)
      .map((category) => category.trim())
      .filter((category) => category !== ''),
  );
}

interface CsvSource {
  source: string;
  fallbackName: string;
}

function csvProblem(from: CsvSource, line: number | undefined, problem: string): DomainError {
  const where = line === undefined ? '' : ` at line ${line}`;
  return new InvalidConfigError(`Invalid dataset in ${from.source}${where}: ${problem}`, {
    source: from.source,
    ...(line === undefined ? {} : { line }),
  });
}

interface CsvRow {
  record: Record<string, string>;
  info: { lines: number };
}

function parseRows(text: string, from: CsvSource): CsvRow[] {
  try {
    // Headers are matched case-insensitively and without surrounding spaces: "Prompt " is the prompt column.
    return parse<CsvRow>(text, {
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      bom: true,
      skip_empty_lines: true,
      info: true,
    });
  } catch (error) {
    // csv-parse's message names the line and the problem; its `record` (file content) is not passed on, nor the
    // character it quotes after an unclosed quote (`got "S"`), which is the file's content too.
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' ? error.lines : undefined;
      const problem = error.message.replace(/ got "(?:[^"]|"")*"/g, '').replace(/\.?$/, '.');
      throw csvProblem(from, line, problem);
    }
    throw error;
  }
}

/** A CSV dataset: one prompt per row from the "prompt" (or "value") column; header row required. */
export function readCsvDataset(text: string, from: CsvSource): LoadedDataset {
  const rows = parseRows(text, from);
  const [first] = rows;
  if (first === undefined)
    throw csvProblem(
      from,
      undefined,
      'there are no prompts; expected a header row with a "prompt" column, then one row per prompt.',
    );
  const header = Object.keys(first.record);
  const promptColumn = promptColumns.find((column) => header.includes(column));
  if (promptColumn === undefined) {
    // The first row is named by its size only: without a header row it is a prompt, which may be anything.
    const columns = `${header.length} ${header.length === 1 ? 'column' : 'columns'}`;
    throw csvProblem(
      from,
      1,
      `expected a header row with a "prompt" (or "value") column; the first row has ${columns} and none is named ` +
        `"prompt" or "value". Add a header row such as "prompt,harm_categories" above the prompts.`,
    );
  }
  const prompts = rows.map(({ record, info }): LoadedPrompt => {
    const value = record[promptColumn] ?? '';
    if (value.trim() === '')
      throw csvProblem(
        from,
        info.lines,
        `the ${promptColumn} cell is empty; give every row a prompt or remove the row.`,
      );
    const dataType = promptDataTypeSchema.safeParse(
      record.data_type === undefined || record.data_type === '' ? 'text' : record.data_type,
    );
    if (!dataType.success) {
      throw csvProblem(
        from,
        info.lines,
        `data_type must be one of ${promptDataTypeSchema.options.map((option) => JSON.stringify(option)).join(', ')}.`,
      );
    }
    const prompt: LoadedPrompt = {
      value,
      data_type: dataType.data,
      harm_categories: splitCategories(record.harm_categories),
      dataset_name: from.fallbackName,
    };
    if (record.name !== undefined && record.name !== '') prompt.name = record.name;
    const metadata: PromptMetadata = {};
    for (const [column, cell] of Object.entries(record))
      if (!knownColumns.has(column) && cell !== '') metadata[column] = cell;
    if (Object.keys(metadata).length > 0) prompt.metadata = metadata;
    return prompt;
  });
  return { dataset_name: from.fallbackName, prompts };
}
