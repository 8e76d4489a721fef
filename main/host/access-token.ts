import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 bits from the OS's CSPRNG, URL-safe (43 characters). */
export const ACCESS_TOKEN_BYTES = 32;

/** The header each API call carries the token in (the event stream takes `?token=`). */
export const AUTHORIZATION_SCHEME = 'Bearer';

/** A fresh token for one launch of the browser-mode server. */
export function createAccessToken(): string {
  return randomBytes(ACCESS_TOKEN_BYTES).toString('base64url');
}

/**
 * Whether `given` is the token, compared in constant time: both sides are hashed first, so
 * neither the contents nor the length of the token leak through the time taken.
 */
export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined || expected === '') return false;
  const a = createHash('sha256').update(expected, 'utf8').digest();
  const b = createHash('sha256').update(given, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(header);
  return match?.[1];
}
