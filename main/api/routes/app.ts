import { z } from 'zod';
import { defineRoute } from '../route';

export const AppMode = z.enum(['desktop', 'browser', 'cli']);
export type AppMode = z.infer<typeof AppMode>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  mode: AppMode,
  dataDir: z.string(),
  platform: z.string(),
  node: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appInfo = defineRoute({
  name: 'app.info',
  summary: 'Name, version, mode (desktop or browser) and data directory of the running workbench.',
  input: z.object({}).strict(),
  output: AppInfo,
});
