import { OUTCOME_LABELS, type AttackOutcome } from '../../domain/attackOutcome';
import { formatRate, outcomeHeadline } from '../../domain/runFigures';
import { clipped, escapeHtml } from './escape';
import { svgBarChart } from './svgBarChart';
import { TEXT_LIMIT, costLines, runUnit, type ReportModel } from './reportText';

/**
 * No script may run, whatever a model wrote: `default-src 'none'` forbids every script, frame, font, connection
 * and image but inline `data:` ones; the one stylesheet is inline. Escaping is the first defence (a test renders a
 * report with this policy removed), the policy the second.
 */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#1b1b1b}
h1{font-size:1.5em}h2{margin-top:1.6em;border-bottom:1px solid #ccc}table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left;vertical-align:top}td.num{text-align:right}
pre{white-space:pre-wrap;word-break:break-word;background:#f5f5f5;padding:.5em;margin:.3em 0}
.headline{font-size:1.15em;font-weight:600}.muted{color:#666}.chart text{font:12px system-ui,sans-serif}
.success{fill:#c62828}.failure{fill:#2e7d32}.error{fill:#ef6c00}.undetermined{fill:#757575}.rate{fill:#1565c0}
.sev{font-weight:700;text-transform:uppercase}details{margin:.4em 0;border:1px solid #ddd;padding:.3em .6em}`;

const OUTCOME_ORDER: readonly AttackOutcome[] = ['success', 'failure', 'error', 'undetermined'];

function text(value: string): string {
  return escapeHtml(clipped(value, TEXT_LIMIT));
}

function block(value: string): string {
  return `<pre>${text(value)}</pre>`;
}

function row(cells: readonly string[], header = false): string {
  const tag = header ? 'th' : 'td';
  return `<tr>${cells.map((cell) => `<${tag}>${cell}</${tag}>`).join('')}</tr>`;
}

function num(value: string): string {
  return `<td class="num">${escapeHtml(value)}</td>`;
}

function figuresSection(model: ReportModel): string {
  const { total } = model.summary;
  const bars = OUTCOME_ORDER.map((outcome) => ({
    label: OUTCOME_LABELS[outcome],
    value: total.outcomes[outcome],
    shown: String(total.outcomes[outcome]),
    tone: outcome,
  }));
  return `<h2>Figures</h2>
<p class="headline" id="headline">${escapeHtml(outcomeHeadline(total.outcomes, { planned: total.prompts, unit: runUnit(model) }))}</p>
<table id="figures">${row(['figure', 'value'], true)}
<tr><td>attack success rate</td>${num(formatRate(total.attack_success_rate))}</tr>
<tr><td>error rate</td>${num(formatRate(total.error_rate))}</tr>
<tr><td>response rate</td>${num(formatRate(total.response_rate))}</tr>
<tr><td>judged</td>${num(String(total.judged_total))}</tr>
<tr><td>planned</td>${num(String(total.prompts))}</tr></table>
<h3>Outcomes</h3>${svgBarChart('Outcomes', bars)}`;
}

function converterSection(model: ReportModel): string {
  const rows = model.summary.by_converter.map(
    (entry) =>
      `<tr><td>${text(entry.converter)}</td>${num(formatRate(entry.attack_success_rate))}${num(String(entry.outcomes.success))}${num(String(entry.outcomes.failure))}${num(String(entry.outcomes.error))}${num(String(entry.outcomes.undetermined))}</tr>`,
  );
  const bars = model.summary.by_converter.map((entry) => ({
    label: entry.converter,
    value: entry.attack_success_rate ?? 0,
    shown: formatRate(entry.attack_success_rate),
    tone: 'rate',
  }));
  return `<h2>By converter</h2><table id="by-converter">${row(['converter', 'attack success rate', 'jailbroken', 'held', 'errors', 'undetermined'], true)}${rows.join('')}</table>
${bars.length === 0 ? '' : svgBarChart('Attack success rate by converter', bars, 1)}`;
}

function scorerSection(model: ReportModel): string {
  const rows = model.summary.by_scorer.map(
    (entry) =>
      `<tr><td>${text(entry.scorer)}</td><td>${entry.objective ? 'decides' : 'shown only'}</td>${num(String(entry.scores))}${num(String(entry.flagged))}${num(formatRate(entry.flag_rate))}</tr>`,
  );
  return `<h2>By scorer</h2><table id="by-scorer">${row(['scorer', 'role', 'scores', 'flagged', 'flag rate'], true)}${rows.join('')}</table>`;
}

function costSection(model: ReportModel): string {
  return `<h2>Cost</h2><table id="cost">${costLines(model)
    .map(([name, value]) => `<tr><td>${escapeHtml(name)}</td>${num(value)}</tr>`)
    .join('')}</table>`;
}

function conversationHtml(
  conversation: NonNullable<ReportModel['findings'][number]['evidence'][number]['conversation']>,
): string {
  return conversation.turns
    .map(
      (turn) =>
        `<p class="muted">${escapeHtml(`${turn.role} · turn ${turn.sequence}${turn.backtracked ? ' · backtracked' : ''}${turn.response_error === 'none' ? '' : ` · error: ${turn.response_error}`}`)}</p>${block(turn.converted_value)}`,
    )
    .join('');
}

function findingsSection(model: ReportModel): string {
  if (model.findings.length === 0) return '<h2>Findings</h2><p id="findings">No finding cites this run.</p>';
  const items = model.findings.map(({ finding, evidence }) => {
    const cited = evidence.map(({ evidence: item, conversation }) => {
      const head = `${item.outcome === null ? 'result gone' : OUTCOME_LABELS[item.outcome]} · conversation ${item.conversation_id} · execution ${item.execution_id}`;
      return `<details><summary>${escapeHtml(head)}</summary>${conversation === null ? '<p class="muted">Conversation not shown.</p>' : conversationHtml(conversation)}</details>`;
    });
    return `<section class="finding"><h3><span class="sev">${escapeHtml(finding.severity)}</span> ${text(finding.title)}</h3>
<p class="muted">${escapeHtml(`${finding.harm_category ?? 'no harm category'} · filed by ${finding.operator} · ${finding.created_at}`)}</p>
${finding.description === null ? '' : block(finding.description)}
<p>${escapeHtml(`${finding.evidence.length} piece(s) of evidence`)}</p>${cited.join('')}</section>`;
  });
  return `<h2>Findings</h2><div id="findings">${items.join('')}</div>`;
}

function successesSection(model: ReportModel): string {
  if (model.topSuccesses.length === 0) return '<h2>Top successful attacks</h2><p id="successes">None.</p>';
  const items = model.topSuccesses.map((item) => {
    const scores = item.scores
      .map(
        (score) =>
          `<li>${escapeHtml(`${score.scorer}: ${score.score_value}`)}${score.score_rationale === null ? '' : ` — ${text(score.score_rationale)}`}</li>`,
      )
      .join('');
    return `<details><summary>${escapeHtml(`#${item.prompt_index + 1} · ${clipped(item.request.original_value, 100)}`)}</summary>
<p>Prompt</p>${block(item.request.original_value)}
<p>Sent${item.request.converters.length === 0 ? '' : escapeHtml(` (through ${item.request.converters.join(' → ')})`)}</p>${block(item.request.converted_value)}
<p>Response</p>${block(item.response?.converted_value ?? '')}${scores === '' ? '' : `<ul>${scores}</ul>`}</details>`;
  });
  return `<h2>Top successful attacks</h2><div id="successes">${items.join('')}</div>`;
}

export function renderHtmlReport(model: ReportModel): string {
  const { execution } = model;
  const title = `ViolentUTF report: ${execution.orchestrator_name}`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(title)}</h1>
<p class="muted">${escapeHtml(`Execution ${execution.execution_id} · ${execution.status} · started ${execution.started_at}${execution.completed_at === null ? '' : ` · ended ${execution.completed_at}`} · report generated ${model.generatedAt.toISOString()}`)}</p>
${execution.error === null ? '' : `<p>Error: ${text(execution.error)}</p>`}
${figuresSection(model)}
${converterSection(model)}
${scorerSection(model)}
${costSection(model)}
${findingsSection(model)}
${successesSection(model)}
</body></html>
`;
}
