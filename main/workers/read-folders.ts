import { z } from 'zod';

/**
 * Where a job that reads files may read: the allowed folders by real path (the host's
 * FileAccess), each file the job reads checked against them (also the flow and mocks a
 * scenario file points at), a file that is not a flowbench document one generic issue that
 * shows none of its content (the API's rule); null: any file (a command line's own files).
 */
export const ReadFolders = z.array(z.object({ kind: z.enum(['data', 'examples', 'opened']), path: z.string() })).nullable();
