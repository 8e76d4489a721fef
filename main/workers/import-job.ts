import { z } from 'zod';
import { ImportSummary } from '../api/routes/library-files';
import { ReadFolders } from './read-folders';

/*
 * A library import as a pool job: the worker reads and checks every file (every scenario with
 * its flow and mocks: seconds for a large folder), then writes the library through its own
 * connection to the database file, in one transaction, and sends back the summary only. The
 * host's event loop neither parses thousands of scenarios nor copies them back from the
 * worker, nor holds SQLite's write lock while they are written. (WAL: the host's connection
 * reads on meanwhile and sees the import once it commits.)
 */

/** The files and folders to import (absolute), the folder library paths are relative to, the library file. */
export const ImportLibraryJob = z.object({
  kind: z.literal('importLibrary'),
  paths: z.array(z.string()),
  root: z.string().optional(),
  folders: ReadFolders,
  dbFile: z.string(),
});

export const ImportLibraryValue = ImportSummary;
