import { RpcError } from '../../protocol/errors';
import type { Handler } from '../server/dispatcher';
import { DAEMON_VERSION, PROTOCOL_MAJOR, PROTOCOL_VERSION } from '../../protocol/version';

export const initialize: Handler<'initialize'> = (params, { session, services }) => {
  const major = Number(params.protocol_version.split('.')[0]);
  if (major !== PROTOCOL_MAJOR) {
    throw new RpcError(
      'ProtocolVersionMismatch',
      `This daemon speaks protocol ${PROTOCOL_VERSION}; your client speaks ${params.protocol_version}. Update the client or the daemon so their major versions match.`,
      { daemon_protocol_version: PROTOCOL_VERSION, client_protocol_version: params.protocol_version },
    );
  }
  session.initialized = true;
  session.clientName = params.client.name;
  session.clientVersion = params.client.version;
  // The client gets the current status from health/get; notifications are for changes after this point.
  session.lastHealthStatus = services.health.report(session.dbPath).status;
  services.log.info(
    `client #${session.id} ${params.client.name} ${params.client.version} initialized as ${session.username}`,
  );
  return {
    protocol_version: PROTOCOL_VERSION,
    daemon: { version: DAEMON_VERSION, pid: process.pid, started_at: services.startedAt.toISOString() },
    user: { username: session.username, db_path: session.dbPath },
  };
};

export const shutdown: Handler<'daemon/shutdown'> = (_params, { session, services }) => {
  services.requestShutdown(`daemon/shutdown from ${session.clientName || 'a client'} (${session.username})`);
  return { stopping: true };
};
