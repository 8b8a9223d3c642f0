// The memory thread's entry (bundled as dist/memoryThread.js): every DuckDB call of the daemon runs here, so
// appending, flushing and reading rows never stall the main thread's sockets.
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { MemoryThreadHost } from './memoryThreadHost';
import { MessageOutbox, unpack, type Posted } from './messageOutbox';
import type { FromMemoryThread, MemoryThreadOptions, ToMemoryThread } from './threadMessages';

const port = parentPort;
if (port === null) throw new Error('memoryThreadMain runs only as a worker thread of the daemon');
const outbox = new MessageOutbox<FromMemoryThread>((posted) => port.postMessage(posted));
const host = new MemoryThreadHost(workerData as MemoryThreadOptions, (message) => outbox.send(message));
port.on('message', (posted: Posted<ToMemoryThread>) => {
  for (const message of unpack(posted)) host.handle(message);
});
port.postMessage({ type: 'ready', threadId });
