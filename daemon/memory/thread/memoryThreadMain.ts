// The memory thread's entry (bundled as dist/memoryThread.js): every DuckDB call of the daemon runs here, so
// appending, flushing and reading rows never stall the main thread's sockets.
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { MemoryThreadHost } from './memoryThreadHost';
import type { MemoryThreadOptions, ToMemoryThread } from './threadMessages';

const port = parentPort;
if (port === null) throw new Error('memoryThreadMain runs only as a worker thread of the daemon');
const host = new MemoryThreadHost(workerData as MemoryThreadOptions, (message) => port.postMessage(message));
port.on('message', (message: ToMemoryThread) => host.handle(message));
port.postMessage({ type: 'ready', threadId });
