/** Bumped on a breaking protocol change; a client speaking another major is refused at `initialize`. */
export const PROTOCOL_VERSION = '2.0';
export const PROTOCOL_MAJOR = 2;
/** The WebSocket subprotocol names the major so a mismatched client fails at the handshake, not mid-call. */
export const SUBPROTOCOL = 'vutf.v2';

// esbuild replaces nothing here on purpose: the version is read from package.json at build time via import.
import packageJson from '../package.json';
export const DAEMON_VERSION: string = packageJson.version;
