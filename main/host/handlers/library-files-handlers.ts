import { exportLibrary } from '../../store/library-export';
import { importLibrary } from '../../store/library-import';
import type { Handlers } from '../dispatch';
import type { FileAccess } from '../file-access';
import type { StoreService } from '../store-service';

/**
 * Import files into the library and export it as files. With a FileAccess, every path given
 * (and each file read, also those a scenario points at) must be inside the allowed folders,
 * and the export is written to the real path of its folder.
 */
/** `schemasDir`: flowbench's schemas folder, which the exported YAML files' modelines point to. */
export function libraryFilesHandlers(service: StoreService, schemasDir: string, access?: FileAccess): Pick<Handlers, 'library.import' | 'library.export'> {
  return {
    'library.import': async (input) => {
      if (access !== undefined) {
        for (const [i, path] of input.paths.entries()) await access.check(path, { base: '/', field: `paths[${i}]` });
        if (input.root !== undefined) await access.check(input.root, { base: '/', field: 'root' });
      }
      return service.use((store) =>
        importLibrary(store, input.paths, {
          ...(input.root === undefined ? {} : { root: input.root }),
          ...(access === undefined ? {} : { read: access.reader('/', { requireFormat: false }) }),
        }),
      );
    },
    'library.export': async (input) => {
      const dir = access === undefined ? input.dir : await access.check(input.dir, { base: '/', field: 'dir' });
      return service.use((store) => exportLibrary(store, dir, schemasDir));
    },
  };
}
