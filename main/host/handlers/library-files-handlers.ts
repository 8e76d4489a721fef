import { exportLibrary } from '../../store/library-export';
import { importLibrary } from '../../store/library-import';
import type { Handlers } from '../dispatch';
import type { StoreService } from '../store-service';

/** Import files into the library and export it as files. */
export function libraryFilesHandlers(service: StoreService): Pick<Handlers, 'library.import' | 'library.export'> {
  return {
    'library.import': (input) =>
      service.use((store) => importLibrary(store, input.paths, input.root === undefined ? {} : { root: input.root })),
    'library.export': (input) => service.use((store) => exportLibrary(store, input.dir)),
  };
}
