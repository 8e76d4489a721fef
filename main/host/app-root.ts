import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface AppPackage {
  root: string;
  name: string;
  version: string;
}

/** Walks up from `startDir` to the folder holding flowbench's package.json. */
export function findAppRoot(startDir: string): AppPackage {
  let dir = startDir;
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (isFlowbenchPackage(pkg)) return { root: dir, name: pkg.name, version: pkg.version };
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find flowbench's package.json above ${startDir}`);
    dir = parent;
  }
}

function isFlowbenchPackage(pkg: unknown): pkg is { name: string; version: string } {
  return (
    typeof pkg === 'object' &&
    pkg !== null &&
    'name' in pkg &&
    pkg.name === 'flowbench' &&
    'version' in pkg &&
    typeof pkg.version === 'string'
  );
}
