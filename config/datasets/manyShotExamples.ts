import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import { InvalidConfigError } from '../../domain/errors';
import { parseJsonText } from '../parseText';

/** One faux exchange of a many-shot prompt (PyRIT's many_shot_examples: {"user": …, "assistant": …}). */
export interface ManyShotExample {
  user: string;
  assistant: string;
}

const exampleSchema = z.looseObject({ user: z.string().min(1), assistant: z.string().min(1) });
const examplesSchema = z.array(exampleSchema).min(1).max(100_000);

function invalid(source: string, problem: string): InvalidConfigError {
  return new InvalidConfigError(`Invalid many-shot examples in ${source}: ${problem}`, {
    path: '$.parameters.examples_path',
    source,
  });
}

/**
 * The examples of a JSON file (an array of {user, assistant}) or a CSV file (a header row with "user" and
 * "assistant" columns), in file order; what is wrong is said with the row that is wrong.
 */
export function readManyShotExamples(text: string, source: string): ManyShotExample[] {
  let rows: unknown;
  if (source.toLowerCase().endsWith('.csv')) {
    try {
      rows = parse(text, {
        columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
        bom: true,
        skip_empty_lines: true,
      });
    } catch (error) {
      if (error instanceof CsvError) throw invalid(source, `line ${String(error.lines)}: ${error.code}.`);
      throw error;
    }
  } else {
    rows = parseJsonText(text, source);
  }
  const checked = examplesSchema.safeParse(rows);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw invalid(
      source,
      `${issue.message}${where}. Give a list of {"user": "…", "assistant": "…"} examples (CSV: columns user, assistant).`,
    );
  }
  return checked.data.map(({ user, assistant }) => ({ user, assistant }));
}
