/** What the Import button sends at most (the host's `mocks.convert` holds uploads to the same). */
export const IMPORT_FILE_BYTES = 20 * 1024 * 1024;
export const IMPORT_TOTAL_BYTES = 100 * 1024 * 1024;
export const IMPORT_MAX_FILES = 2000;

export interface PickedFile {
  /** The path inside a picked folder, else the file name. */
  name: string;
  size: number;
}

/** Why these files cannot be sent (checked before any is read), or null. */
export function importRefusal(files: readonly PickedFile[]): string | null {
  if (files.length === 0) return 'choose at least one file';
  if (files.length > IMPORT_MAX_FILES) return `${files.length} files: at most ${IMPORT_MAX_FILES} at once`;
  const big = files.find((f) => f.size > IMPORT_FILE_BYTES);
  if (big) return `${big.name} is ${megabytes(big.size)}: at most ${megabytes(IMPORT_FILE_BYTES)} per file`;
  const total = files.reduce((n, f) => n + f.size, 0);
  if (total > IMPORT_TOTAL_BYTES) return `the files hold ${megabytes(total)} in all: at most ${megabytes(IMPORT_TOTAL_BYTES)}`;
  return null;
}

/** Files of a picked folder that can hold mocks (WireMock mappings, OpenAPI, Mockoon, HAR). */
export function importable(name: string): boolean {
  return /\.(json|ya?ml|har)$/i.test(name);
}

export function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** A library path for a converted set: `mocks/<name>.mocks.yaml`, the name made safe. */
export function libraryPathFor(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/\.(json|ya?ml|har)$/i, '')
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `mocks/${slug === '' ? 'imported' : slug}.mocks.yaml`;
}
