import { buildIfStale } from '../../scripts/build-if-stale.mjs';
import { chromiumMissingMessage } from '../support/chromium';
import { repoRoot } from '../support/paths';

export default function setup(): void {
  const missing = chromiumMissingMessage();
  if (missing !== null) throw new Error(missing);
  buildIfStale(repoRoot);
}
