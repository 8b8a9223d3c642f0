import type { OrchestratorConfigRecord } from '../memory';
import type { Handler } from '../server/dispatcher';
import type { RequestContext } from '../services';
import { orchestratorTypes, validateParameters } from '../orchestrators/validateParameters';
import type { ResultOf } from '../../protocol/methods';
import { ConflictError, NotFoundError } from '../../domain/errors';

type OrchestratorView = ResultOf<'orchestrators/get'>;

function toView(record: OrchestratorConfigRecord): OrchestratorView {
  return {
    id: record.id,
    name: record.name,
    orchestrator_type: record.orchestrator_type,
    parameters: record.parameters,
    tags: record.tags,
    created_by: record.created_by,
    config_file: record.config_file,
    created_at: record.created_at,
    updated_at: record.updated_at,
  };
}

async function storeOf({ session, services }: RequestContext) {
  return services.memory.storeFor(session.dbPath);
}

async function findOwn(context: RequestContext, orchestratorId: string): Promise<OrchestratorConfigRecord> {
  const record = await (await storeOf(context)).getOrchestrator(orchestratorId);
  if (!record) throw new NotFoundError('Orchestrator', orchestratorId);
  return record;
}

function announce(context: RequestContext, orchestratorId: string, change: 'created' | 'updated' | 'deleted'): void {
  for (const session of context.services.clients.forUser(context.session.username))
    session.notify('orchestrators/changed', { orchestrator_id: orchestratorId, change });
}

export const orchestratorTypesList: Handler<'orchestratorTypes/list'> = () => ({ types: orchestratorTypes() });

function describeOwner(record: OrchestratorConfigRecord): string {
  return record.config_file === null ? 'an orchestrator saved without a config file' : record.config_file;
}

/**
 * One file, one orchestrator; names stay unique per user. A clash names both files, so the person knows which
 * one to rename, instead of one config silently replacing another's saved orchestrator.
 */
function checkFree(
  records: readonly OrchestratorConfigRecord[],
  name: string,
  configFile: string | undefined,
  self?: string,
): void {
  const others = records.filter((record) => record.id !== self);
  const sameFile = configFile === undefined ? undefined : others.find((record) => record.config_file === configFile);
  if (sameFile) {
    throw new ConflictError(
      `${configFile} already has an orchestrator (${JSON.stringify(sameFile.name)}); update it (orchestrators/update) instead of creating another.`,
      { orchestrator_id: sameFile.id, config_file: configFile ?? null },
    );
  }
  const clash = others.find((record) => record.name === name);
  if (!clash) return;
  const mine = configFile ?? 'this orchestrator';
  throw new ConflictError(
    `The name ${JSON.stringify(name)} is already used by ${describeOwner(clash)}; ${mine} needs another "name" (rename one of the two).`,
    { orchestrator_id: clash.id, config_file: clash.config_file, name },
  );
}

export const orchestratorsCreate: Handler<'orchestrators/create'> = async (params, context) => {
  const validated = validateParameters(params.orchestrator_type, params.parameters);
  const store = await storeOf(context);
  checkFree(await store.listOrchestrators(), params.name, params.config_file);
  const record = await store.saveOrchestrator({
    name: params.name,
    orchestrator_type: params.orchestrator_type,
    parameters: validated.parameters,
    tags: params.tags ?? [],
    status: 'configured',
    created_by: context.session.username,
    config_file: params.config_file ?? null,
  });
  announce(context, record.id, 'created');
  return toView(record);
};

export const orchestratorsList: Handler<'orchestrators/list'> = async (_params, context) => {
  const store = await storeOf(context);
  const records = await store.listOrchestrators();
  const latest = await context.services.executions.list(context.session, { limit: 1000 });
  return {
    orchestrators: records.map((record) => ({
      ...toView(record),
      last_execution: latest.find((execution) => execution.orchestrator_id === record.id) ?? null,
    })),
  };
};

export const orchestratorsGet: Handler<'orchestrators/get'> = async (params, context) =>
  toView(await findOwn(context, params.orchestrator_id));

export const orchestratorsUpdate: Handler<'orchestrators/update'> = async (params, context) => {
  const existing = await findOwn(context, params.orchestrator_id);
  const store = await storeOf(context);
  const configFile = params.config_file ?? existing.config_file ?? undefined;
  if (
    (params.name !== undefined && params.name !== existing.name) ||
    configFile !== (existing.config_file ?? undefined)
  )
    checkFree(await store.listOrchestrators(), params.name ?? existing.name, configFile, existing.id);
  const parameters =
    params.parameters === undefined
      ? existing.parameters
      : validateParameters(existing.orchestrator_type, params.parameters).parameters;
  const record = await store.saveOrchestrator({
    id: existing.id,
    name: params.name ?? existing.name,
    orchestrator_type: existing.orchestrator_type,
    parameters,
    tags: params.tags ?? existing.tags,
    status: existing.status,
    created_by: existing.created_by,
    config_file: configFile ?? null,
  });
  announce(context, record.id, 'updated');
  return toView(record);
};

export const orchestratorsDelete: Handler<'orchestrators/delete'> = async (params, context) => {
  await findOwn(context, params.orchestrator_id);
  if (await context.services.executions.isRunning(context.session, params.orchestrator_id)) {
    throw new ConflictError('This orchestrator has a running execution; cancel it first.', {
      orchestrator_id: params.orchestrator_id,
    });
  }
  await (await storeOf(context)).deleteOrchestrator(params.orchestrator_id);
  announce(context, params.orchestrator_id, 'deleted');
  return { deleted: true };
};
