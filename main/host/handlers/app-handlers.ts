import type { AppMode } from '../../api/routes/app';
import type { Handlers } from '../dispatch';

export interface AppHandlerContext {
  name: string;
  version: string;
  mode: AppMode;
  dataDir: string;
}

export function appHandlers(ctx: AppHandlerContext): Pick<Handlers, 'app.info'> {
  return {
    'app.info': () => ({
      name: ctx.name,
      version: ctx.version,
      mode: ctx.mode,
      dataDir: ctx.dataDir,
      platform: `${process.platform}-${process.arch}`,
      node: process.versions.node,
    }),
  };
}
