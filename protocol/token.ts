/** The token a client presents at the WebSocket upgrade: HS256, signed with the 0600 secret of the daemon's state dir. */
import jwt from 'jsonwebtoken';
import { canonicalUsername } from '../domain/username';

export const TOKEN_ISSUER = 'vutf';
export const TOKEN_AUDIENCE = 'vutf-daemon';
export const MAX_TOKEN_TTL_S = 12 * 60 * 60;

export interface TokenClaims {
  sub: string;
  preferred_username: string;
}

export function mintToken(secret: Buffer, username: string, ttlSeconds = 60 * 60): string {
  if (!(ttlSeconds > 0 && ttlSeconds <= MAX_TOKEN_TTL_S)) {
    throw new Error(`A token lives between 1 second and 12 hours; ${ttlSeconds} s was asked for.`);
  }
  const name = canonicalUsername(username);
  const claims: TokenClaims = { sub: name, preferred_username: name };
  return jwt.sign(claims, secret, {
    algorithm: 'HS256',
    expiresIn: ttlSeconds,
    issuer: TOKEN_ISSUER,
    audience: TOKEN_AUDIENCE,
  });
}
