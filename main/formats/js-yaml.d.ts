/**
 * The part of js-yaml 4 that flowbench uses (js-yaml ships no types; see plain-yaml.ts).
 * https://github.com/nodeca/js-yaml#api
 */
declare module 'js-yaml' {
  export interface TypeOptions {
    kind: 'scalar' | 'sequence' | 'mapping';
    resolve?: (data: unknown) => boolean;
    construct?: (data: string) => unknown;
  }
  export class Type {
    constructor(tag: string, options: TypeOptions);
    readonly tag: string;
  }
  export class Schema {
    constructor(definition: { implicit?: readonly Type[]; explicit?: readonly Type[] });
  }
  export interface LoadOptions {
    filename?: string;
    schema?: Schema;
    /** false (the default): duplicate keys are errors. */
    json?: boolean;
    /** Nesting depth at which loading stops with an error (default 100). */
    maxDepth?: number;
  }
  export class YAMLException extends Error {}
  export function load(text: string, options?: LoadOptions): unknown;
}
