// The memory thread's entry (bundled as dist/memoryThread.js): every DuckDB call of the daemon runs here, so
// appending, flushing and reading rows never stall the main thread's sockets.
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { MemoryThreadHost } from './memoryThreadHost';
import { MessageOutbox, posted } from './messageOutbox';
import { fromWire, type WirePost } from './threadWire';
import type { FromMemoryThread, MemoryThreadOptions } from './threadMessages';

const port = parentPort;
if (port === null) throw new Error('memoryThreadMain runs only as a worker thread of the daemon');
const outbox = new MessageOutbox<FromMemoryThread>((messages) => port.postMessage(posted(messages)));
const host = new MemoryThreadHost(workerData as MemoryThreadOptions, (message) => outbox.send(message));
port.on('message', (post: WirePost) => {
  for (const message of fromWire(post)) host.handle(message);
});
port.postMessage({ type: 'ready', threadId });
