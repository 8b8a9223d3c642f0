import jwt from 'jsonwebtoken';
import { canonicalUsername } from '../../domain/username';
import { MAX_TOKEN_TTL_S, TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../protocol/token';

const CLOCK_TOLERANCE_S = 5;

export interface VerifiedToken {
  username: string;
  claims: jwt.JwtPayload;
}

export class TokenRejected extends Error {}

/**
 * Pinning the algorithm is what stops `alg: none` and HS/RS confusion (CVE-2022-23540 and friends); `exp` is
 * required, and at most 12 hours ahead, so a leaked token cannot live long.
 */
export function verifyToken(secret: Buffer, token: string): VerifiedToken {
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, secret, {
      algorithms: ['HS256'],
      audience: TOKEN_AUDIENCE,
      issuer: TOKEN_ISSUER,
      clockTolerance: CLOCK_TOLERANCE_S,
    });
  } catch (error) {
    throw new TokenRejected(`token rejected: ${(error as Error).message}`);
  }
  if (typeof payload === 'string') throw new TokenRejected('token rejected: payload is not a JSON object');
  if (typeof payload.exp !== 'number') throw new TokenRejected('token rejected: it has no exp claim');
  // Measured from now as well as from iat: iat is optional (and can be put in the future), so exp - iat alone let
  // a token valid for ten years through.
  const nowS = Math.floor(Date.now() / 1000);
  const longest = MAX_TOKEN_TTL_S + CLOCK_TOLERANCE_S;
  if (payload.exp - nowS > longest || (typeof payload.iat === 'number' && payload.exp - payload.iat > longest)) {
    throw new TokenRejected('token rejected: it lives longer than 12 hours');
  }
  return { username: canonicalUsername(payload), claims: payload };
}

/** "90s", "30m", "1h", "12h" or bare seconds. */
export function parseTtl(text: string): number {
  const match = /^(\d+)\s*([smh]?)$/.exec(text.trim());
  if (!match)
    throw new Error(`--ttl ${JSON.stringify(text)} is not a duration; use e.g. 90s, 30m or 1h (at most 12h).`);
  const unit = match[2] === 'h' ? 3600 : match[2] === 'm' ? 60 : 1;
  const seconds = Number(match[1]) * unit;
  if (seconds <= 0 || seconds > MAX_TOKEN_TTL_S) throw new Error(`--ttl ${text} is out of range: 1s to 12h.`);
  return seconds;
}
