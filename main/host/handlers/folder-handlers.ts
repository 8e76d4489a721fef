import type { Handlers } from '../dispatch';
import type { FileAccess } from '../file-access';

/** The folders the API may use this session, and opening one more. */
export function folderHandlers(access: FileAccess): Pick<Handlers, 'app.folders' | 'app.openFolder'> {
  return {
    'app.folders': async () => ({ folders: await access.folders() }),
    'app.openFolder': async (input) => {
      const folder = await access.openFolder(input.path);
      return { folder, folders: await access.folders() };
    },
  };
}
