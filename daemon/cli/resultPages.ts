import { forEachResultPage } from '../../client/executionResults';
import type { DaemonLink } from '../../client/daemonLink';
import { jsonText } from './output';
import { resultLines } from './resultLines';

/** Where output goes; a promise makes the next page wait for it (stdout's drain, when a pipe is slow). */
type Write = (text: string) => void | Promise<void>;

/** JSON of a value nested `depth` levels into `--json`'s document, lines indented to match. */
function nested(value: unknown, depth: number): string {
  return jsonText(value).replace(/\n/g, `\n${'  '.repeat(depth)}`);
}

/**
 * `vutf results ID --json`: one JSON document, {execution_id, total, items, summary}, written page by page. Built
 * whole, twenty 30 MB answers made one string past what V8 allows ("Invalid string length"); a page is bounded
 * in bytes, so this holds one page at a time.
 */
export async function writeResultsJson(link: DaemonLink, executionId: string, write: Write): Promise<void> {
  let started = false;
  let written = 0;
  await forEachResultPage(link, executionId, async (page) => {
    if (!started)
      await write(`{\n  "execution_id": ${JSON.stringify(executionId)},\n  "total": ${page.total},\n  "items": [`);
    started = true;
    for (const item of page.items) {
      await write(`${written === 0 ? '' : ','}\n    ${nested(item, 2)}`);
      written += 1;
    }
  });
  const summary = await link.request('results/summary', { execution_id: executionId });
  await write(`${written === 0 ? '' : '\n  '}],\n  "summary": ${nested(summary, 1)}\n}\n`);
}

/** `vutf results ID`: the first `limit` results as text, page by page; says how many were shown of how many. */
export async function writeResultsText(
  link: DaemonLink,
  executionId: string,
  limit: number,
  write: Write,
): Promise<{ shown: number; total: number }> {
  let shown = 0;
  let total = 0;
  await forEachResultPage(
    link,
    executionId,
    async (page) => {
      total = page.total;
      for (const item of page.items.slice(0, limit - shown)) await write(resultLines(item));
      shown = Math.min(limit, shown + page.items.length);
      return shown >= limit ? 'stop' : undefined;
    },
    limit,
  );
  return { shown, total };
}
