import { inspectFiles } from '../../formats/inspect-file';
import type { Handlers } from '../dispatch';

export interface ExamplesHandlerContext {
  examplesDir: string;
}

export function examplesHandlers(ctx: ExamplesHandlerContext): Pick<Handlers, 'examples.list'> {
  return {
    'examples.list': async (input) => {
      const files = await inspectFiles(ctx.examplesDir);
      return {
        root: ctx.examplesDir,
        files: input.kind === undefined ? files : files.filter((f) => f.kind === input.kind),
      };
    },
  };
}
