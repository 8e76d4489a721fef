import { describe, expect, it } from 'vitest';
import { TOKEN_STORAGE_KEY, takeAccessToken } from '../../renderer/src/api/access-token';
import type { TokenPlace } from '../../renderer/src/api/access-token';

function place(href: string, stored: Record<string, string> = {}): TokenPlace & { replaced: string[]; stored: Record<string, string> } {
  const replaced: string[] = [];
  return {
    replaced,
    stored,
    location: { href },
    history: { state: { back: null }, replaceState: (_data, _unused, url) => void replaced.push(String(url)) },
    storage: { getItem: (key) => stored[key] ?? null, setItem: (key, value) => void (stored[key] = value) },
  };
}

describe('the page takes the access token out of its address', () => {
  it('keeps it for the tab and removes it from the address, keeping the route and other parameters', () => {
    const p = place('http://127.0.0.1:4000/?token=abc_DEF-123&lang=en#/mocks');
    expect(takeAccessToken(p)).toBe('abc_DEF-123');
    expect(p.stored[TOKEN_STORAGE_KEY]).toBe('abc_DEF-123');
    expect(p.replaced).toEqual(['/?lang=en#/mocks']);
  });

  it('after a reload (no token in the address) uses the one kept for the tab, and touches nothing', () => {
    const p = place('http://127.0.0.1:4000/#/flows', { [TOKEN_STORAGE_KEY]: 'kept' });
    expect(takeAccessToken(p)).toBe('kept');
    expect(p.replaced).toEqual([]);
  });

  it('a new token in the address replaces the kept one (a new launch)', () => {
    const p = place('http://127.0.0.1:4000/?token=new', { [TOKEN_STORAGE_KEY]: 'old' });
    expect(takeAccessToken(p)).toBe('new');
    expect(p.stored[TOKEN_STORAGE_KEY]).toBe('new');
    expect(p.replaced).toEqual(['/']);
  });

  it('has none when neither the address nor the tab has one', () => {
    expect(takeAccessToken(place('http://127.0.0.1:4000/'))).toBeNull();
    expect(takeAccessToken(place('http://127.0.0.1:4000/?token='))).toBeNull();
  });
});
