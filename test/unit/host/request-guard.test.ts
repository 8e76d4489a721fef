import { describe, expect, it } from 'vitest';
import { isAllowedRequest } from '../../../main/host/request-guard';

describe('browser-mode request guard', () => {
  it('accepts same-origin requests to our own port', () => {
    expect(isAllowedRequest({ host: '127.0.0.1:4000' }, 4000)).toBe(true);
    expect(isAllowedRequest({ host: 'localhost:4000', origin: 'http://localhost:4000' }, 4000)).toBe(true);
  });
  it('refuses DNS rebinding and cross-site origins', () => {
    expect(isAllowedRequest({ host: 'evil.example:4000' }, 4000)).toBe(false);
    expect(isAllowedRequest({ host: '127.0.0.1:4000', origin: 'http://evil.example' }, 4000)).toBe(false);
    expect(isAllowedRequest({ host: '127.0.0.1:4001' }, 4000)).toBe(false);
    expect(isAllowedRequest({}, 4000)).toBe(false);
  });
});
