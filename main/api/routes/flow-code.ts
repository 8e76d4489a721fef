import { z } from 'zod';
import { defineRoute } from '../route';
import { FlowView } from './flows';

/** Which code of a flow (SPEC §7.2): a lambda module's body, or an endpoint's pre / post hook. */
export const CodeKind = z.enum(['lambda', 'pre', 'post']);
export type CodeKind = z.infer<typeof CodeKind>;

/** Code as an editor sends it: bounded like `JsCode`, but may be empty (an empty hook is removed). */
const EditedCode = z.string().max(65_536, 'expected at most 65,536 characters of code');

/** Why code does not compile, and the line inside the code (1 = its first line) when QuickJS says. */
export const CodeProblem = z.object({ message: z.string(), line: z.number().int().min(1).nullable() });
export type CodeProblem = z.infer<typeof CodeProblem>;

/** The code to replace: a lambda module's `code`, or an endpoint's `pre` or `post` hook. */
export const CodeTarget = z.union([
  z.object({ module: z.string().min(1) }).strict(),
  z.object({ endpoint: z.string().min(1), hook: z.enum(['pre', 'post']) }).strict(),
]);
export type CodeTarget = z.infer<typeof CodeTarget>;

export const flowsCheckCode = defineRoute({
  name: 'flows.checkCode',
  summary: 'Compiles flow code (a lambda body or an endpoint hook) in the QuickJS sandbox without running it: null when it compiles, else the message and the line inside the code.',
  input: z.object({ code: EditedCode, kind: CodeKind }).strict(),
  output: z.object({ problem: CodeProblem.nullable() }),
});

export const flowsSaveCode = defineRoute({
  name: 'flows.saveCode',
  summary:
    "Writes a lambda module's code or an endpoint's pre/post hook into the flow file (YAML edited in place, comments kept; an empty hook is removed). Code that does not compile is refused with its line. Returns the flow as re-opened.",
  input: z.object({ file: z.string().min(1), target: CodeTarget, code: EditedCode }).strict(),
  output: FlowView,
});
