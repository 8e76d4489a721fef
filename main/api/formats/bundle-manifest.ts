import { z } from 'zod';
import { BUNDLE_FORMAT } from './session';

/** The file name a zip repro bundle gets: `<name>.flowbench.zip`. */
export const BUNDLE_ZIP_SUFFIX = '.flowbench.zip';

/** A name of an entry inside a bundle zip: plain relative names, no `..`, no absolute paths. */
const EntryName = z
  .string()
  .max(200)
  .regex(/^(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*$/, { error: 'expected a plain entry name such as flow.yaml' });

/**
 * `manifest.json` of a `.flowbench.zip` repro bundle (SPEC §6): which entry holds the flow
 * (YAML), the mocks (YAML, or none), the session (JSON) and the last result (JSON, or none).
 * A reader inflates only the entries the manifest names; any other entry is ignored.
 */
export const BundleManifest = z
  .object({
    format: z.literal(BUNDLE_FORMAT, { error: `expected format: ${BUNDLE_FORMAT}` }),
    createdAt: z.string(),
    flow: EntryName,
    mocks: EntryName.nullable(),
    session: EntryName,
    result: EntryName.nullable(),
  })
  .strict();
export type BundleManifest = z.infer<typeof BundleManifest>;

/** The entry names flowbench writes. */
export const BUNDLE_ENTRIES = {
  manifest: 'manifest.json',
  flow: 'flow.yaml',
  mocks: 'mocks.yaml',
  session: 'session.json',
  result: 'result.json',
} as const;
