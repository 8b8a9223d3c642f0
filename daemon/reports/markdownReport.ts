import { OUTCOME_LABELS, type AttackOutcome } from '../../domain/attackOutcome';
import { formatRate, outcomeHeadline } from '../../domain/runFigures';
import { clipped, escapeHtml, escapeMarkdown } from './escape';
import { TEXT_LIMIT, costLines, runUnit, type ReportModel } from './reportText';

const OUTCOME_ORDER: readonly AttackOutcome[] = ['success', 'failure', 'error', 'undetermined'];

/** One line, escaped: for headings, list items and table cells (a newline would end them). */
function inline(value: string, max = TEXT_LIMIT): string {
  return escapeMarkdown(clipped(value, max).replace(/\s+/g, ' ').trim());
}

/** A model's text as a quote, every line escaped, so that no line of it can start a block of its own. */
function quoted(value: string): string {
  const lines = escapeMarkdown(clipped(value, TEXT_LIMIT)).split('\n');
  return lines.map((line) => (line === '' ? '>' : `> ${line}`)).join('\n');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
  ].join('\n');
}

function figures(model: ReportModel): string {
  const { total } = model.summary;
  return `## Figures

**${inline(outcomeHeadline(total.outcomes, { planned: total.prompts, unit: runUnit(model) }))}**

${table(
  ['figure', 'value'],
  [
    ['attack success rate', inline(formatRate(total.attack_success_rate))],
    ['error rate', inline(formatRate(total.error_rate))],
    ['response rate', inline(formatRate(total.response_rate))],
    ['judged', String(total.judged_total)],
    ['planned', String(total.prompts)],
  ],
)}

${table(
  ['outcome', 'count'],
  OUTCOME_ORDER.map((outcome) => [OUTCOME_LABELS[outcome], String(total.outcomes[outcome])]),
)}`;
}

function byConverter(model: ReportModel): string {
  return `## By converter

${table(
  ['converter', 'attack success rate', 'jailbroken', 'held', 'errors', 'undetermined'],
  model.summary.by_converter.map((entry) => [
    inline(entry.converter),
    inline(formatRate(entry.attack_success_rate)),
    String(entry.outcomes.success),
    String(entry.outcomes.failure),
    String(entry.outcomes.error),
    String(entry.outcomes.undetermined),
  ]),
)}`;
}

function byScorer(model: ReportModel): string {
  return `## By scorer

${table(
  ['scorer', 'role', 'scores', 'flagged', 'flag rate'],
  model.summary.by_scorer.map((entry) => [
    inline(entry.scorer),
    entry.objective ? 'decides' : 'shown only',
    String(entry.scores),
    String(entry.flagged),
    inline(formatRate(entry.flag_rate)),
  ]),
)}`;
}

function cost(model: ReportModel): string {
  return `## Cost

${table(
  ['figure', 'value'],
  costLines(model).map(([name, value]) => [inline(name), inline(value)]),
)}`;
}

function findings(model: ReportModel): string {
  if (model.findings.length === 0) return '## Findings\n\nNo finding cites this run.';
  const sections = model.findings.map(({ finding, evidence }) => {
    const cited = evidence.map(({ evidence: item, conversation }) => {
      const head = `${item.outcome === null ? 'result gone' : OUTCOME_LABELS[item.outcome]} · conversation ${item.conversation_id} · execution ${item.execution_id}`;
      const turns =
        conversation === null
          ? '*Conversation not shown.*'
          : conversation.turns
              .map(
                (turn) =>
                  `*${inline(`${turn.role} · turn ${turn.sequence}${turn.backtracked ? ' · backtracked' : ''}`)}*\n\n${quoted(turn.converted_value)}`,
              )
              .join('\n\n');
      return `<details><summary>${escapeHtml(head)}</summary>\n\n${turns}\n\n</details>`;
    });
    return `### ${inline(finding.severity.toUpperCase())}: ${inline(finding.title, 300)}

${inline(`${finding.harm_category ?? 'no harm category'} · filed by ${finding.operator} · ${finding.created_at}`)}

${finding.description === null ? '' : `${quoted(finding.description)}\n\n`}${cited.join('\n\n')}`;
  });
  return `## Findings\n\n${sections.join('\n\n')}`;
}

function successes(model: ReportModel): string {
  if (model.topSuccesses.length === 0) return '## Top successful attacks\n\nNone.';
  const items = model.topSuccesses.map((item) => {
    const scores = item.scores
      .map(
        (score) =>
          `- ${inline(`${score.scorer}: ${score.score_value}`)}${score.score_rationale === null ? '' : ` — ${inline(score.score_rationale)}`}`,
      )
      .join('\n');
    const through = item.request.converters.length === 0 ? '' : ` (through ${item.request.converters.join(' → ')})`;
    return `<details><summary>${escapeHtml(`#${item.prompt_index + 1} · ${clipped(item.request.original_value, 100).replace(/\s+/g, ' ')}`)}</summary>

Prompt:

${quoted(item.request.original_value)}

Sent${inline(through)}:

${quoted(item.request.converted_value)}

Response:

${quoted(item.response?.converted_value ?? '')}

${scores}

</details>`;
  });
  return `## Top successful attacks\n\n${items.join('\n\n')}`;
}

export function renderMarkdownReport(model: ReportModel): string {
  const { execution } = model;
  return `# ViolentUTF report: ${inline(execution.orchestrator_name)}

${inline(`Execution ${execution.execution_id} · ${execution.status} · started ${execution.started_at}${execution.completed_at === null ? '' : ` · ended ${execution.completed_at}`} · report generated ${model.generatedAt.toISOString()}`)}
${execution.error === null ? '' : `\nError: ${inline(execution.error)}\n`}
${figures(model)}

${byConverter(model)}

${byScorer(model)}

${cost(model)}

${findings(model)}

${successes(model)}
`;
}
