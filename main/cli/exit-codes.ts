import { FormatError } from '../formats/format-error';
import { StoreError } from '../store/store-error';
import { EXIT_ENVIRONMENT, EXIT_INVALID } from './cli-io';

/** The exit code an error that ended a command stands for: bad files and bundles (FormatError) are 2. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof FormatError) return EXIT_INVALID;
  if (error instanceof StoreError) return error.isInvalidRequest ? EXIT_INVALID : EXIT_ENVIRONMENT;
  return EXIT_ENVIRONMENT;
}

/** What to print for an error that ended a command: the message, plus what it is when that is not obvious. */
export function describeFailure(command: string, error: unknown): string {
  if (error instanceof FormatError) return error.message;
  const prefix = command === '' ? 'flowbench' : `flowbench ${command}`;
  if (error instanceof StoreError) return [`${prefix}: ${error.message}`, ...error.issues.map((i) => `  ${i.path}: ${i.message}`)].join('\n');
  const system = systemError(error);
  if (system !== null) return `${prefix}: ${system}`;
  const message = error instanceof Error ? error.message : String(error);
  return `${prefix}: internal error: ${message}`;
}

/** A failed system call (a file that cannot be written, a port in use), in words, or null. */
function systemError(error: unknown): string | null {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string' || !('syscall' in error)) return null;
  const path = 'path' in error && typeof error.path === 'string' ? error.path : null;
  const why = SYSTEM_CODES[error.code] ?? error.message;
  const syscall = String(error.syscall);
  return path === null ? `${syscall} failed: ${why}` : `cannot ${VERBS[syscall] ?? syscall} ${path}: ${why}`;
}

const SYSTEM_CODES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  ENOENT: 'no such file or folder',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  EEXIST: 'it already exists',
  EADDRINUSE: 'the address is already in use',
};

const VERBS: Record<string, string> = {
  open: 'open',
  write: 'write',
  mkdir: 'create the folder',
  rename: 'rename',
  scandir: 'read the folder',
  stat: 'read',
  lstat: 'read',
  read: 'read',
  unlink: 'remove',
  listen: 'listen on',
};
