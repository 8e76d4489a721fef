import { isCollection, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document } from 'yaml';

/** A place in the scenario: `['user', 0, 'afterMs']`. */
export type EditPath = readonly (string | number)[];

/**
 * One change the form makes to the YAML: set a value at a path (`undefined` removes it), or
 * move an item of a list. Only that node changes: comments, key order, quoting and flow
 * style elsewhere stay as written.
 */
export type YamlEdit =
  | { op: 'set'; path: EditPath; value: unknown }
  | { op: 'move'; path: EditPath; from: number; to: number };

/** The text with the edit made, or null when the text does not parse (the form waits for the YAML to be fixed). */
export function applyYamlEdit(text: string, edit: YamlEdit): string | null {
  const doc: Document = parseDocument(text);
  if (doc.errors.length > 0) return null;
  if (doc.contents === null || isScalar(doc.contents)) doc.contents = doc.createNode({});
  if (edit.op === 'move') return moveItem(doc, edit) ? doc.toString({ lineWidth: 0 }) : text;
  if (edit.value === undefined) {
    if (doc.hasIn(edit.path)) doc.deleteIn(edit.path);
    else return text;
  } else {
    prepareParents(doc, edit.path);
    doc.setIn(edit.path, doc.createNode(edit.value, { flow: isSmallFlowValue(edit.value) }));
  }
  return doc.toString({ lineWidth: 0 });
}

function moveItem(doc: Document, edit: { path: EditPath; from: number; to: number }): boolean {
  const seq = doc.getIn(edit.path, true);
  if (!isSeq(seq)) return false;
  const { from, to } = edit;
  if (from < 0 || to < 0 || from >= seq.items.length || to >= seq.items.length || from === to) return false;
  const [item] = seq.items.splice(from, 1);
  seq.items.splice(to, 0, item);
  return true;
}

/** A parent on the path that is written as a scalar (`user: null`) becomes a collection; missing ones are made by setIn. */
function prepareParents(doc: Document, path: EditPath): void {
  for (let i = 1; i < path.length; i++) {
    const parentPath = path.slice(0, i);
    if (!doc.hasIn(parentPath)) return;
    const parent = doc.getIn(parentPath, true);
    const wantList = typeof path[i] === 'number';
    if (!isCollection(parent) || (wantList && isMap(parent)) || (!wantList && isSeq(parent))) doc.setIn(parentPath, doc.createNode(wantList ? [] : {}));
  }
}

/** A one-line value (`{ say: "hi", afterMs: 400 }`) is written in flow style, like the examples; a big one in block style. */
function isSmallFlowValue(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const text = JSON.stringify(value);
  return text.length <= 72;
}
