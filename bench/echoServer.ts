// The RPC baseline: a bare `ws` server on loopback doing the same JSON round trip as the daemon's health/get —
// parse the request, answer {jsonrpc, id, result} with a result of the same shape and size — and nothing else
// (no auth per message, no schema validation, no JSON-RPC library). Run as a child process, like the daemon.
// Prints its port on stdout. The canned result comes as JSON in argv[2].
import { WebSocketServer } from 'ws';

const result: unknown = JSON.parse(process.argv[2] ?? 'null');
const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
server.on('connection', (socket) => {
  socket.on('message', (data, isBinary) => {
    if (isBinary) return;
    const request = JSON.parse(data.toString()) as { id?: unknown };
    socket.send(JSON.stringify({ jsonrpc: '2.0', id: request.id ?? null, result }));
  });
});
server.on('listening', () => {
  const address = server.address();
  if (typeof address === 'object' && address !== null) process.stdout.write(`${address.port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
