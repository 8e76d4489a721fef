import { join } from 'node:path';
import { ConvertError, convertMocks } from '../../convert/convert-mocks';
import { convertPreview } from '../../convert/convert-output';
import { diskSources, memorySources, SourceSetError } from '../../convert/source-files';
import type { SourceSet } from '../../convert/source-files';
import { schemaModeline } from '../../formats/schema-modeline';
import type { Handlers } from '../dispatch';
import { HostError } from '../host-error';

export interface ConvertHandlerContext {
  /** Relative paths resolve against this folder (the examples folder, like mocks.start). */
  filesDir: string;
  /** flowbench's schemas folder: the YAML's modeline points there from `<filesDir>/mocks/`, where a mock set is saved. */
  schemasDir: string;
}

/** `mocks.convert`: the Mocks view's Import, with its preview (nothing is saved or served). */
export function mocksConvertHandlers(ctx: ConvertHandlerContext): Pick<Handlers, 'mocks.convert'> {
  return {
    'mocks.convert': async (input) => {
      let sources: SourceSet;
      try {
        sources = 'path' in input ? await diskSources(input.path, ctx.filesDir) : memorySources(input.files);
      } catch (error) {
        if (error instanceof SourceSetError) throw new HostError('invalid_input', `${error.file}: ${error.message}`, [{ path: 'path', message: error.message }]);
        throw error;
      }
      try {
        const result = await convertMocks(sources, { ...(input.seed !== undefined ? { seed: input.seed } : {}), ...(input.name !== undefined ? { name: input.name } : {}) });
        return convertPreview(result, schemaModeline('mocks', join(ctx.filesDir, 'mocks', 'converted.mocks.yaml'), ctx.schemasDir));
      } catch (error) {
        if (error instanceof ConvertError) {
          throw new HostError('invalid_input', 'nothing could be read as a known format (OpenAPI 3, Swagger 2, Mockoon environment, WireMock mappings, HAR)', error.toApiIssues());
        }
        throw error;
      }
    },
  };
}
