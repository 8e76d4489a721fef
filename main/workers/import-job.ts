import { z } from 'zod';
import { FlowFile } from '../api/formats/flow';
import { MocksFile } from '../api/formats/mocks';
import { ImportSummary } from '../api/routes/library-files';
import { ReadFolders } from './read-folders';

/*
 * A library import's reading and checking (every file parsed, every scenario checked with
 * its flow and mocks: seconds for a large folder) as a pool job; the host writes what it
 * returns in one transaction. The plan is plain data, and so is its schema.
 */

/** The files and folders to import (absolute), the folder library paths are relative to. */
export const PlanImportJob = z.object({ kind: z.literal('planImport'), paths: z.array(z.string()), root: z.string().optional(), folders: ReadFolders });

const ImportedDocument = <T extends z.ZodType>(value: T) => z.object({ abs: z.string(), path: z.string(), raw: z.unknown(), value });
const Key = z.string().nullable();
const Settings = z.record(z.string(), z.unknown());

/** `ImportPlan` (main/store/import-plan.ts) as the worker sends it. */
export const ImportPlanData = z.object({
  skipped: ImportSummary.shape.skipped,
  root: z.string(),
  flows: z.array(ImportedDocument(FlowFile)),
  mockSets: z.array(ImportedDocument(MocksFile)),
  scenarioFiles: z.array(
    z.object({
      abs: z.string(),
      path: z.string(),
      layout: z.enum(['single', 'list']),
      settingsRaw: Settings,
      flowKey: Key,
      mocksKey: Key,
      scenarios: z.array(
        z.object({
          name: z.string(),
          raw: Settings,
          ownFlowKey: Key,
          ownMocksKey: Key,
          flowKey: Key,
          mocksKey: Key,
          description: z.string().nullable(),
          tags: z.array(z.string()),
          flowName: z.string(),
        }),
      ),
    }),
  ),
});
