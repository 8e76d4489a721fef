import { z } from 'zod';
import { JsonValue } from '../formats/common';
import { MocksFile } from '../formats/mocks';
import { defineRoute } from '../route';
import { MockRouteSummary } from './mocks';

/** The formats `flowbench convert` and the Mocks view's Import read, detected from the content. */
export const SOURCE_FORMATS = ['openapi3', 'swagger2', 'mockoon', 'wiremock', 'har'] as const;
export const SourceFormat = z.enum(SOURCE_FORMATS);
export type SourceFormat = z.infer<typeof SourceFormat>;

/** Something not converted (or converted with a caveat): the file, the path inside it, why. */
export const ConvertIssue = z.object({
  file: z.string(),
  /** Inside the file, e.g. `mappings[3].response.bodyFileName`. */
  path: z.string(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  message: z.string(),
});
export type ConvertIssue = z.infer<typeof ConvertIssue>;

/** A converted route as the Mocks view lists a served one, with its responses spelled out and where it came from. */
export const ConvertedRouteSummary = MockRouteSummary.omit({ responses: true }).extend({
  responses: z.array(z.object({ status: z.number().int(), when: z.string().optional(), setState: z.record(z.string(), JsonValue).optional() })),
  /** Where it came from. */
  source: z.object({ file: z.string(), path: z.string() }),
});
export type ConvertedRouteSummary = z.infer<typeof ConvertedRouteSummary>;

export const ConvertPreview = z.object({
  /** Each file read, with its detected format (null: not a known format). */
  sources: z.array(z.object({ file: z.string(), format: SourceFormat.nullable() })),
  routes: z.array(ConvertedRouteSummary),
  /** Initial mock state (WireMock scenarios). */
  state: z.record(z.string(), JsonValue),
  /** Not converted; the rest was. */
  problems: z.array(ConvertIssue),
  /** Converted with a caveat (approximations, extra statuses kept as responses, skipped disabled routes). */
  notes: z.array(ConvertIssue),
  /** The converted mock set (valid flowbench.mocks/1), and as YAML for saving. */
  mocks: MocksFile,
  yaml: z.string(),
});
export type ConvertPreview = z.infer<typeof ConvertPreview>;

/** Upload bounds: the Import button sends the chosen files' text. */
const MAX_UPLOAD_FILES = 2000;
const MAX_UPLOAD_CHARS = 20 * 1024 * 1024;

export const mocksConvert = defineRoute({
  name: 'mocks.convert',
  summary:
    "Converts other tools' mocks (OpenAPI 3, Swagger 2, Mockoon environment, WireMock mappings, HAR) into a flowbench.mocks/1 set, with a preview: routes, latencies, faults, and what was not converted. A file or folder path (relative paths resolve against examples/), or the files' contents.",
  input: z.union([
    z.object({ path: z.string().min(1), seed: z.number().int().optional(), name: z.string().min(1).optional() }).strict(),
    z
      .object({
        files: z
          .array(z.object({ name: z.string().min(1).max(500), content: z.string().max(MAX_UPLOAD_CHARS) }).strict())
          .min(1)
          .max(MAX_UPLOAD_FILES)
          .refine((files) => files.reduce((n, f) => n + f.content.length, 0) <= 5 * MAX_UPLOAD_CHARS, 'expected at most 100 MB of files in all'),
        seed: z.number().int().optional(),
        name: z.string().min(1).optional(),
      })
      .strict(),
  ]),
  output: ConvertPreview,
});
