import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findAppRoot } from '../host/app-root';
import { processIo } from './cli-io';
import { runCli } from './run-cli';

const version = findAppRoot(dirname(fileURLToPath(import.meta.url))).version;
process.exitCode = await runCli(process.argv.slice(2), processIo(), version);
