#!/usr/bin/env node
// Checks the import graph against the layer table (scripts/layers.mjs) and fails on any
// import a layer does not allow and on any cycle between folders. dependency-cruiser
// resolves the imports (TypeScript, Vue, type-only imports included); the rules are ours.
//   node scripts/check-layers.mjs            check this repository
import { cruise } from 'dependency-cruiser';
import { isBuiltin } from 'node:module';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECKED_ROOTS, LAYERS } from './layers.mjs';

/**
 * @typedef {{ from: string, to: string, layer: string | null, message: string }} Violation
 * @typedef {{ folders: string[], edges: { from: string, to: string }[] }} FolderCycle
 */

/**
 * Cruises `roots` under `baseDir` and returns the violations of `layers` and the folder cycles.
 * @param {{ baseDir: string, roots?: string[], layers?: import('./layers.mjs').Layer[] }} options
 * @returns {Promise<{ violations: Violation[], cycles: FolderCycle[], files: number }>}
 */
export async function checkLayers({ baseDir, roots = CHECKED_ROOTS, layers = LAYERS }) {
  const { output } = await cruise(
    roots,
    { baseDir, tsPreCompilationDeps: true, exclude: { path: '\\.d\\.mts$' }, doNotFollow: { path: 'node_modules' } },
    { extensions: ['.ts', '.d.ts', '.vue', '.mjs', '.js', '.json'] },
  );
  if (typeof output === 'string') throw new Error('dependency-cruiser returned a report instead of a result');
  const violations = [];
  /** @type {Map<string, Map<string, string>>} layer → layer → one file edge, for cycle reports */
  const graph = new Map();
  for (const module of output.modules) {
    const from = toPosix(module.source);
    if (module.coreModule || module.dependencyTypes?.includes('npm') || !isChecked(from, roots)) continue;
    const layer = layerOf(from, layers);
    if (!layer) {
      violations.push({ from, to: '', layer: null, message: `${from} is in no layer of scripts/layers.mjs: add its folder to the table` });
      continue;
    }
    for (const dep of module.dependencies) {
      const spec = dep.module;
      if (dep.couldNotResolve) {
        violations.push({ from, to: spec, layer: layer.layer, message: `${from} imports '${spec}', which cannot be resolved` });
        continue;
      }
      if (dep.coreModule || isBuiltin(spec)) {
        const name = `node:${spec.replace(/^node:/, '').split('/')[0]}`; // node:fs/promises is node:fs
        if (!packageAllowed(name, layer.packages)) violations.push(packageViolation(from, name, layer));
        continue;
      }
      const to = toPosix(dep.resolved);
      if (to.includes('node_modules/')) {
        const name = packageName(spec);
        if (!packageAllowed(name, layer.packages)) violations.push(packageViolation(from, name, layer));
        continue;
      }
      const target = layerOf(to, layers);
      if (!target) {
        if (isChecked(to, roots)) continue; // reported as a file in no layer
        violations.push({ from, to, layer: layer.layer, message: `${from} imports ${to}, outside the checked folders` });
        continue;
      }
      if (target.layer === layer.layer) continue;
      if (!layer.may.includes(target.layer)) {
        violations.push({
          from,
          to,
          layer: layer.layer,
          message: `${from} imports ${to}: ${layer.layer} may import only ${[layer.layer, ...layer.may].join(', ')}`,
        });
      }
      const edges = graph.get(layer.layer) ?? new Map();
      if (!edges.has(target.layer)) edges.set(target.layer, `${from} → ${to}`);
      graph.set(layer.layer, edges);
    }
  }
  const unique = [...new Map(violations.map((v) => [v.message, v])).values()]; // a value and a type import of one module
  return { violations: unique, cycles: folderCycles(graph), files: output.modules.length };
}

/** Every strongly connected set of two or more folders, with one file import per edge. */
export function folderCycles(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  let counter = 0;
  const visit = (node) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length < 2) return;
    const inside = new Set(component);
    const edges = [];
    for (const from of component) {
      for (const [to, via] of graph.get(from) ?? []) if (inside.has(to)) edges.push({ from, to, via });
    }
    cycles.push({ folders: component.sort(), edges });
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

function layerOf(file, layers) {
  return layers.find((l) => l.files.test(file)) ?? null;
}

function isChecked(file, roots) {
  return roots.some((root) => file === root || file.startsWith(`${root}/`));
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec);
}

function packageAllowed(name, allowed) {
  return allowed.some((pattern) => (pattern.endsWith('/*') || pattern.endsWith(':*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern));
}

function packageViolation(from, name, layer) {
  const list = layer.packages.length > 0 ? layer.packages.join(', ') : 'no package';
  return { from, to: name, layer: layer.layer, message: `${from} imports '${name}': ${layer.layer} may use ${list}` };
}

function toPosix(path) {
  return path.split(sep).join('/');
}

async function main() {
  const baseDir = fileURLToPath(new URL('..', import.meta.url));
  const { violations, cycles, files } = await checkLayers({ baseDir });
  for (const v of violations) process.stderr.write(`✖ ${v.message}\n`);
  for (const c of cycles) {
    process.stderr.write(`✖ folder cycle: ${c.folders.join(' ⇄ ')}\n`);
    for (const e of c.edges) process.stderr.write(`    ${e.from} → ${e.to}: ${e.via}\n`);
  }
  const problems = violations.length + cycles.length;
  if (problems > 0) {
    process.stderr.write(`layers: ${problems} problem${problems === 1 ? '' : 's'} in ${files} files (scripts/layers.mjs)\n`);
    process.exit(1);
  }
  process.stdout.write(`layers: ${files} files follow scripts/layers.mjs, no folder cycles\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
