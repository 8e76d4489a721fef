import { z } from 'zod';
import { defineRoute } from '../route';

/**
 * Where an item lives in the library and in an exported folder: a relative path with
 * forward slashes, e.g. `flows/order-status.flow.yaml`. No `..`, no absolute paths.
 */
export const LibraryPath = z
  .string()
  .min(1, 'expected a path like flows/order-status.flow.yaml')
  .max(400)
  .refine((p) => !p.startsWith('/') && !/^[A-Za-z]:/.test(p), 'expected a relative path (no leading / or drive letter)')
  .refine((p) => !p.includes('\\'), 'expected forward slashes')
  // eslint-disable-next-line no-control-regex
  .refine((p) => !/[\u0000-\u001f\u007f]/.test(p), 'expected no control characters')
  .refine((p) => p.split('/').every((s) => s !== '' && s !== '.' && s !== '..'), "expected no empty, '.' or '..' segments")
  .refine((p) => /\.(ya?ml|json)$/i.test(p), 'expected a .yaml, .yml or .json file name');
export type LibraryPath = z.infer<typeof LibraryPath>;

/** A path on the machine running the host (import and export read and write real files). */
export const AbsolutePath = z
  .string()
  .min(1)
  .refine((p) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p), 'expected an absolute path');

export const ItemKind = z.enum(['flow', 'mocks', 'scenario']);
export type ItemKind = z.infer<typeof ItemKind>;

export const ChangeCounts = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  removed: z.number().int(),
});
export type ChangeCounts = z.infer<typeof ChangeCounts>;

export const ImportSummary = z.object({
  /** The folder the library paths are relative to. */
  root: z.string(),
  files: z.array(z.object({ path: z.string(), kind: ItemKind, action: z.enum(['created', 'updated', 'unchanged']) })),
  /** YAML/JSON files found in a folder that are not flows, mocks or scenarios. */
  skipped: z.array(z.object({ file: z.string(), reason: z.string() })),
  flows: ChangeCounts,
  mockSets: ChangeCounts,
  scenarios: ChangeCounts,
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const ExportSummary = z.object({
  dir: z.string(),
  files: z.array(z.object({ path: z.string(), kind: ItemKind, action: z.enum(['written', 'unchanged']) })),
});
export type ExportSummary = z.infer<typeof ExportSummary>;

export const libraryImport = defineRoute({
  name: 'library.import',
  summary:
    'Imports flow, mocks and scenario files (folders are searched) into the library, in one transaction: ' +
    'one invalid file imports nothing and is reported with its path.',
  input: z
    .object({
      paths: z.array(AbsolutePath).min(1, 'expected at least one file or folder'),
      /** Folder the library paths are taken relative to; default: the folders and files given. */
      root: AbsolutePath.optional(),
    })
    .strict(),
  output: ImportSummary,
});

export const libraryExport = defineRoute({
  name: 'library.export',
  summary: 'Writes every flow, mock set and scenario file of the library as YAML (stable key order) under a folder.',
  input: z.object({ dir: AbsolutePath }).strict(),
  output: ExportSummary,
});
