import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/paths';

/** Issue #13.5: one date and time format everywhere — renderer/src/format/date-time.ts. */
describe('one date and time format in the workbench', () => {
  it('leaves writing dates to the one formatter module', () => {
    const dir = join(repoRoot, 'renderer', 'src');
    const offenders: string[] = [];
    const walk = (folder: string): void => {
      for (const name of readdirSync(folder)) {
        const path = join(folder, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ts|vue)$/.test(name) && !path.endsWith(join('format', 'date-time.ts'))) {
          const text = readFileSync(path, 'utf8');
          if (/toLocale(Date|Time)String\(|toISOString\(|toUTCString\(|new Intl\.DateTimeFormat|new Date\(/.test(text)) offenders.push(relative(repoRoot, path));
        }
      }
    };
    walk(dir);
    expect(offenders).toEqual([]);
  });
});
