import type { Handler } from '../../server/dispatcher';
import type { RequestContext } from '../../services';
import { FindingStore } from '../../memory/findingStore';
import { NotFoundError } from '../../../domain/errors';
import { resolveEvidence } from './evidence';
import { toFindingView } from './findingView';

/** The caller's own file (recovered and tightened first, as every store use is): no id can reach another user's. */
export async function findingStoreFor({ session, services }: Pick<RequestContext, 'session' | 'services'>) {
  await services.memory.storeFor(session.dbPath);
  return new FindingStore(services.databases, session.dbPath);
}

/** Descriptions and categories are kept as written, without the blank ones: "" is no category. */
function optionalText(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  return value.trim() === '' ? null : value;
}

function announce(
  { session, services }: RequestContext,
  finding: { id: string; orchestrator_id: string },
  change: 'created' | 'updated' | 'deleted',
): void {
  for (const client of services.clients.forUser(session.username))
    client.notify('findings/changed', { finding_id: finding.id, orchestrator_id: finding.orchestrator_id, change });
}

export const findingsCreate: Handler<'findings/create'> = async (params, context) => {
  const { session, services } = context;
  const store = await services.memory.storeFor(session.dbPath);
  const orchestrator = await store.getOrchestrator(params.orchestrator_id);
  if (orchestrator === null) throw new NotFoundError('Orchestrator', params.orchestrator_id);
  const evidence = await resolveEvidence(session.dbPath, params.evidence, services);
  const findings = await findingStoreFor(context);
  const created = await findings.create({
    orchestrator_id: orchestrator.id,
    orchestrator_name: orchestrator.name,
    title: params.title,
    severity: params.severity,
    harm_category: optionalText(params.harm_category) ?? null,
    description: optionalText(params.description) ?? null,
    operator: session.username,
    evidence,
    at: new Date(),
  });
  announce(context, created, 'created');
  return toFindingView(created);
};

export const findingsList: Handler<'findings/list'> = async (params, context) => {
  const findings = await (
    await findingStoreFor(context)
  ).list({ orchestrator_id: params?.orchestrator_id, execution_id: params?.execution_id });
  const severities = params?.severity;
  return {
    findings: findings
      .filter((finding) => severities === undefined || severities.includes(finding.severity))
      .map(toFindingView),
  };
};

export const findingsUpdate: Handler<'findings/update'> = async (params, context) => {
  const findings = await findingStoreFor(context);
  if ((await findings.get(params.finding_id)) === null) throw new NotFoundError('Finding', params.finding_id);
  const addEvidence = await resolveEvidence(context.session.dbPath, params.add_evidence ?? [], context.services);
  const updated = await findings.update(params.finding_id, {
    title: params.title,
    severity: params.severity,
    harm_category: optionalText(params.harm_category),
    description: optionalText(params.description),
    add_evidence: addEvidence,
    remove_evidence: params.remove_evidence,
    at: new Date(),
  });
  announce(context, updated, 'updated');
  return toFindingView(updated);
};

export const findingsDelete: Handler<'findings/delete'> = async (params, context) => {
  const findings = await findingStoreFor(context);
  const finding = await findings.get(params.finding_id);
  if (finding === null || !(await findings.delete(params.finding_id)))
    throw new NotFoundError('Finding', params.finding_id);
  announce(context, finding, 'deleted');
  return { deleted: true };
};
