import { describe, expect, it } from 'vitest';
import { contract, eventContract, eventNames, isRouteName, routeNames } from '../../../main/api/contract';
import { formatIssuePath } from '../../../main/api/issue-path';

describe('API contract', () => {
  it('keys every route by its own name', () => {
    for (const [key, route] of Object.entries(contract)) expect(route.name).toBe(key);
    for (const [key, event] of Object.entries(eventContract)) expect(event.name).toBe(key);
  });

  it('lists the calls the foundation promises', () => {
    expect(routeNames).toContain('app.info');
    expect(routeNames).toContain('examples.list');
    expect(eventNames).toContain('host.notice');
  });

  it('recognises only contract names', () => {
    expect(isRouteName('app.info')).toBe(true);
    expect(isRouteName('toString')).toBe(false);
    expect(isRouteName('__proto__')).toBe(false);
    expect(isRouteName(42)).toBe(false);
  });

  it('formats issue paths the way the spec writes them', () => {
    expect(formatIssuePath(['modules', 3, 'ports', 'next'])).toBe('modules[3].ports.next');
    expect(formatIssuePath([])).toBe('(root)');
    expect(formatIssuePath(['headers', 'x-lang'])).toBe('headers.x-lang');
    expect(formatIssuePath(['map', 'a b'])).toBe('map["a b"]');
  });
});
