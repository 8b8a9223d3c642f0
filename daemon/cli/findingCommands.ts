import { Option, type Command } from 'commander';
import type { DaemonConnection } from '../../client/daemonConnection';
import type { ResultOf } from '../../protocol/methods';
import { FINDING_SEVERITIES } from '../../protocol/schemas/findings';
import { OUTCOME_LABELS } from '../../domain/attackOutcome';
import { CliFailure, printJson } from './output';
import { oneLine, safeText } from './oneLine';
import type { WithDaemon } from './withDaemon';

type Finding = ResultOf<'findings/create'>;
type Severity = Finding['severity'];

interface EvidenceRef {
  execution_id: string;
  attack_result_id?: string;
  conversation_id?: string;
}

/** EXECUTION:RESULT, the result by its attack_result_id or, with `conv=`, by its conversation_id. */
function evidence(value: string, previous: EvidenceRef[] = []): EvidenceRef[] {
  const at = value.indexOf(':');
  if (at <= 0 || at === value.length - 1)
    throw new CliFailure(
      `--evidence ${value} is not EXECUTION:RESULT (an execution id, a colon, an attack_result_id or conv=<conversation id>).`,
      2,
    );
  const executionId = value.slice(0, at);
  const result = value.slice(at + 1);
  const ref = result.startsWith('conv=')
    ? { execution_id: executionId, conversation_id: result.slice('conv='.length) }
    : { execution_id: executionId, attack_result_id: result };
  return [...previous, ref];
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** An orchestrator named by its id or by its name (names are unique per user). */
async function orchestratorId(connection: DaemonConnection, nameOrId: string): Promise<string> {
  const { orchestrators } = await connection.request('orchestrators/list');
  const found =
    orchestrators.find((each) => each.id === nameOrId) ?? orchestrators.find((each) => each.name === nameOrId);
  if (found === undefined)
    throw new CliFailure(`no orchestrator ${JSON.stringify(nameOrId)} (\`vutf list\` shows yours).`);
  return found.id;
}

function findingText(finding: Finding): string {
  const lines = [
    `${finding.finding_id}  ${finding.severity.toUpperCase()}  ${oneLine(finding.title)}`,
    `  ${safeText(finding.harm_category ?? 'no harm category')} · filed by ${safeText(finding.operator)} · ${finding.created_at}`,
  ];
  if (finding.description !== null) lines.push(`  ${oneLine(finding.description)}`);
  for (const item of finding.evidence)
    lines.push(
      `  evidence ${item.id}: ${item.outcome === null ? 'result gone' : OUTCOME_LABELS[item.outcome]} · execution ${safeText(item.execution_id)} · conversation ${safeText(item.conversation_id)}`,
    );
  return `${lines.join('\n')}\n`;
}

const severityOption = () =>
  new Option('--severity <severity>', 'critical, high, medium, low or info').choices(FINDING_SEVERITIES);

export function addFindingCommands(program: Command, withDaemon: WithDaemon, userOption: () => Option): void {
  const findings = program.command('findings').description('file, list, change and delete findings');

  findings
    .command('list')
    .description('your findings, worst first')
    .option('--orchestrator <name-or-id>', 'only those filed under this orchestrator')
    .option('--execution <id>', 'only those citing results of this execution')
    .addOption(userOption())
    .option('--json', 'print findings/list as JSON')
    .action(async (options: { orchestrator?: string; execution?: string; user?: string; json?: boolean }) => {
      const listed = await withDaemon(options.user, async (connection) =>
        connection.request('findings/list', {
          ...(options.orchestrator === undefined
            ? {}
            : { orchestrator_id: await orchestratorId(connection, options.orchestrator) }),
          ...(options.execution === undefined ? {} : { execution_id: options.execution }),
        }),
      );
      if (options.json) return printJson(listed);
      if (listed.findings.length === 0) process.stdout.write('No findings.\n');
      for (const finding of listed.findings) process.stdout.write(findingText(finding));
    });

  findings
    .command('add')
    .description('file a finding under an orchestrator')
    .argument('<orchestrator>', 'its name or id')
    .requiredOption('--title <text>')
    .addOption(severityOption().makeOptionMandatory())
    .option('--harm-category <text>')
    .option('--description <text>')
    .option(
      '--evidence <execution:result>',
      'a result it rests on (repeat for more); result = attack_result_id or conv=<conversation id>',
      evidence,
    )
    .addOption(userOption())
    .option('--json', 'print findings/create as JSON')
    .action(
      async (
        orchestrator: string,
        options: {
          title: string;
          severity: Severity;
          harmCategory?: string;
          description?: string;
          evidence?: EvidenceRef[];
          user?: string;
          json?: boolean;
        },
      ) => {
        const finding = await withDaemon(options.user, async (connection) =>
          connection.request('findings/create', {
            orchestrator_id: await orchestratorId(connection, orchestrator),
            title: options.title,
            severity: options.severity,
            ...(options.harmCategory === undefined ? {} : { harm_category: options.harmCategory }),
            ...(options.description === undefined ? {} : { description: options.description }),
            evidence: options.evidence ?? [],
          }),
        );
        if (options.json) return printJson(finding);
        process.stdout.write(findingText(finding));
      },
    );

  findings
    .command('update')
    .description('change a finding, or link and unlink evidence')
    .argument('<finding-id>')
    .option('--title <text>')
    .addOption(severityOption())
    .option('--harm-category <text>', 'an empty text clears it')
    .option('--description <text>', 'an empty text clears it')
    .option('--add-evidence <execution:result>', 'link a result (repeat for more)', evidence)
    .option('--remove-evidence <evidence-id>', 'unlink evidence by its id (repeat for more)', collect)
    .addOption(userOption())
    .option('--json', 'print findings/update as JSON')
    .action(
      async (
        findingId: string,
        options: {
          title?: string;
          severity?: Severity;
          harmCategory?: string;
          description?: string;
          addEvidence?: EvidenceRef[];
          removeEvidence?: string[];
          user?: string;
          json?: boolean;
        },
      ) => {
        const finding = await withDaemon(options.user, (connection) =>
          connection.request('findings/update', {
            finding_id: findingId,
            ...(options.title === undefined ? {} : { title: options.title }),
            ...(options.severity === undefined ? {} : { severity: options.severity }),
            ...(options.harmCategory === undefined
              ? {}
              : { harm_category: options.harmCategory === '' ? null : options.harmCategory }),
            ...(options.description === undefined
              ? {}
              : { description: options.description === '' ? null : options.description }),
            ...(options.addEvidence === undefined ? {} : { add_evidence: options.addEvidence }),
            ...(options.removeEvidence === undefined ? {} : { remove_evidence: options.removeEvidence }),
          }),
        );
        if (options.json) return printJson(finding);
        process.stdout.write(findingText(finding));
      },
    );

  findings
    .command('delete')
    .description('delete a finding (the results it cites stay)')
    .argument('<finding-id>')
    .addOption(userOption())
    .action(async (findingId: string, options: { user?: string }) => {
      await withDaemon(options.user, (connection) => connection.request('findings/delete', { finding_id: findingId }));
      process.stdout.write(`Deleted finding ${safeText(findingId)}\n`);
    });
}
