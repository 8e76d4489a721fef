import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_BYTES, bearerToken, createAccessToken, tokenMatches } from '../../../main/host/access-token';

describe('access token', () => {
  it('is 256 bits of randomness in 43 base64url characters, new each time', () => {
    expect(ACCESS_TOKEN_BYTES * 8).toBeGreaterThanOrEqual(128);
    const tokens = new Set(Array.from({ length: 200 }, () => createAccessToken()));
    expect(tokens.size).toBe(200);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });

  it('matches only the exact token, whatever the length of the guess', () => {
    const token = createAccessToken();
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(token, undefined)).toBe(false);
    expect(tokenMatches(token, '')).toBe(false);
    expect(tokenMatches(token, token.slice(0, -1))).toBe(false);
    expect(tokenMatches(token, `${token}x`)).toBe(false);
    expect(tokenMatches(token, token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase())).toBe(false);
    expect(tokenMatches('', '')).toBe(false);
  });

  it('reads `Authorization: Bearer <token>` (scheme in any case) and nothing else', () => {
    expect(bearerToken('Bearer abc-DEF_123')).toBe('abc-DEF_123');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Bearer  abc ')).toBe('abc');
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('Basic YWxhZGRpbjpvcGVuc2VzYW1l')).toBeUndefined();
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken('abc')).toBeUndefined();
  });
});
