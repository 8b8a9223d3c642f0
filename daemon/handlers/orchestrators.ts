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

/** Names are unique per user: the CLI and the editor find a config's orchestrator by its name. */
export const orchestratorsCreate: Handler<'orchestrators/create'> = async (params, context) => {
  const validated = validateParameters(params.orchestrator_type, params.parameters);
  const store = await storeOf(context);
  const clash = (await store.listOrchestrators()).find((record) => record.name === params.name);
  if (clash) {
    throw new ConflictError(
      `An orchestrator named ${JSON.stringify(params.name)} already exists; update it (orchestrators/update) or pick another name.`,
      { orchestrator_id: clash.id },
    );
  }
  const record = await store.saveOrchestrator({
    name: params.name,
    orchestrator_type: params.orchestrator_type,
    parameters: validated.parameters,
    tags: params.tags ?? [],
    status: 'configured',
    created_by: context.session.username,
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
  if (params.name !== undefined && params.name !== existing.name) {
    const clash = (await store.listOrchestrators()).find((record) => record.name === params.name);
    if (clash)
      throw new ConflictError(`An orchestrator named ${JSON.stringify(params.name)} already exists.`, {
        orchestrator_id: clash.id,
      });
  }
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
  });
  announce(context, record.id, 'updated');
  return toView(record);
};

export const orchestratorsDelete: Handler<'orchestrators/delete'> = async (params, context) => {
  await findOwn(context, params.orchestrator_id);
  if (context.services.executions.isRunning(params.orchestrator_id, context.session.username)) {
    throw new ConflictError('This orchestrator has a running execution; cancel it first.', {
      orchestrator_id: params.orchestrator_id,
    });
  }
  await (await storeOf(context)).deleteOrchestrator(params.orchestrator_id);
  announce(context, params.orchestrator_id, 'deleted');
  return { deleted: true };
};
