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

/** A folder the API may read and write files in during this session. */
export const AllowedFolder = z.object({
  /** The data folder, the examples folder, or one opened with app.openFolder. */
  kind: z.enum(['data', 'examples', 'opened']),
  /** Its real path (symlinks resolved). */
  path: z.string(),
});
export type AllowedFolder = z.infer<typeof AllowedFolder>;

export const appFolders = defineRoute({
  name: 'app.folders',
  summary:
    'The folders whose files the API may use this session: the data folder, the examples folder and the folders opened with app.openFolder. A path anywhere else is refused (forbidden).',
  input: z.object({}).strict().default({}),
  output: z.object({ folders: z.array(AllowedFolder) }),
});

export const appOpenFolder = defineRoute({
  name: 'app.openFolder',
  summary:
    'Opens a folder for this session: flows.open, runs.start, library.import, library.export and every other call that takes a path may then use the files below it. Remembered until the workbench stops.',
  input: z
    .object({
      path: z
        .string()
        .min(1)
        .max(4096)
        .refine((p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p), 'expected an absolute path'),
    })
    .strict(),
  output: z.object({ folder: AllowedFolder, folders: z.array(AllowedFolder) }),
});
