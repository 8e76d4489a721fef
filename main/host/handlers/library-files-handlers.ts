import { exportLibrary } from '../../store/library-export';
import { importLibrary } from '../../store/library-import';
import type { JobRunner } from '../../workers/job-runner';
import type { Handlers } from '../dispatch';
import type { FileAccess } from '../file-access';
import { pooledFileValue } from '../pooled-jobs';
import { asHostError } from '../store-service';
import type { StoreService } from '../store-service';

/**
 * Import files into the library and export it as files. With a FileAccess, every path given
 * (and each file read, also those a scenario points at) must be inside the allowed folders,
 * and the export is written to the real path of its folder. With the host's worker pool,
 * the whole import happens in a worker (reading and checking a large folder takes seconds,
 * and writing it a good part of one): it writes through its own connection, in one transaction.
 * `schemasDir`: flowbench's schemas folder, which the exported YAML files' modelines point to.
 */
export function libraryFilesHandlers(service: StoreService, schemasDir: string, access?: FileAccess, jobs?: JobRunner): Pick<Handlers, 'library.import' | 'library.export'> {
  return {
    'library.import': async (input) => {
      if (access !== undefined) {
        for (const [i, path] of input.paths.entries()) await access.check(path, { base: '/', field: `paths[${i}]` });
        if (input.root !== undefined) await access.check(input.root, { base: '/', field: 'root' });
      }
      const root = input.root === undefined ? {} : { root: input.root };
      if (jobs === undefined) {
        return service.use((store) => importLibrary(store, input.paths, { ...root, ...(access === undefined ? {} : { read: access.reader('/', { requireFormat: false }) }) }));
      }
      const folders = access === undefined ? null : await access.folders();
      try {
        return await pooledFileValue(jobs, { kind: 'importLibrary', paths: input.paths, ...root, folders, dbFile: service.file }, 'library.import');
      } catch (error) {
        throw asHostError(error); // invalid files: "N problems in the files; nothing was imported", as inline
      }
    },
    'library.export': async (input) => {
      const dir = access === undefined ? input.dir : await access.check(input.dir, { base: '/', field: 'dir' });
      return service.use((store) => exportLibrary(store, dir, schemasDir));
    },
  };
}
