import type { Handler } from '../server/dispatcher';

export const executionsStart: Handler<'executions/start'> = async (params, { session, services }) => {
  const executionId = await services.executions.start(
    session,
    params.orchestrator_id,
    params.execution_type,
    params.input_data,
    params.secrets ?? {},
    params.budget,
  );
  return { execution_id: executionId, status: 'running' };
};

export const executionsResume: Handler<'executions/resume'> = async (params, { session, services }) => {
  await services.executions.resume(session, params.execution_id, params.secrets ?? {}, {
    retryErrors: params.retry_errors,
    ...(params.budget ? { budget: params.budget } : {}),
  });
  return { execution_id: params.execution_id, status: 'running' };
};

export const executionsGet: Handler<'executions/get'> = (params, { session, services }) =>
  services.executions.get(session, params.execution_id);

export const executionsList: Handler<'executions/list'> = async (params, { session, services }) => ({
  executions: await services.executions.list(session, {
    orchestrator_id: params?.orchestrator_id,
    status: params?.status,
    limit: params?.limit ?? 100,
  }),
});

export const executionsCancel: Handler<'executions/cancel'> = (params, { session, services }) =>
  services.executions.cancel(session, params.execution_id);
