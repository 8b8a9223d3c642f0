import type { Handler } from '../../server/dispatcher';
import { gatherReport } from '../../reports/reportModel';
import { renderHtmlReport } from '../../reports/htmlReport';
import { renderMarkdownReport } from '../../reports/markdownReport';
import { ownExecution } from './ownExecution';

/** The report is returned, not written: the CLI writes --out, the editor saves it where the user picks. */
export const resultsReport: Handler<'results/report'> = async (params, context) => {
  await ownExecution(context.session.dbPath, params.execution_id, context.services);
  const model = await gatherReport(params.execution_id, params.top_successes, context);
  const html = params.format === 'html';
  return {
    execution_id: params.execution_id,
    format: params.format,
    media_type: html ? 'text/html; charset=utf-8' : 'text/markdown; charset=utf-8',
    file_name: `vutf-report-${params.execution_id.replace(/[^A-Za-z0-9-]/g, '_')}.${params.format}`,
    content: html ? renderHtmlReport(model) : renderMarkdownReport(model),
  };
};
