import http from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Answers a socket the daemon will not serve with a plain HTTP status and closes it. Written by hand, not through
 * a ServerResponse, because the sockets refused here (an upgrade, an over-limit connection, a parse error) have none.
 * Never throws: it runs inside event handlers where a throw would end the daemon.
 */
export function refuse(socket: Duplex, status: number, reason: string): void {
  try {
    if (socket.writable) {
      const body = `${reason}\n`;
      const statusText = http.STATUS_CODES[status] ?? 'Error';
      socket.end(
        `HTTP/1.1 ${status} ${statusText}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    }
  } finally {
    // Whatever the client pipelined after its request (frames, more requests) is never read.
    socket.destroy();
  }
}
