import type { LoadedScenario } from '../formats/loaded-scenario';

export interface Shard {
  /** 1-based. */
  index: number;
  total: number;
}

export interface Selection {
  grep?: RegExp;
  grepInvert?: RegExp;
  tags?: readonly string[];
  shard?: Shard;
}

/** Parses `--shard i/n` (1-based, like Playwright). */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 1 || index < 1 || index > total) {
    throw new Error(`--shard expects i/n with 1 <= i <= n (e.g. 2/4), got '${text}'`);
  }
  return { index, total };
}

/**
 * Filters by name or file (`--grep`), by tag, then keeps one shard: the suite is cut into
 * `total` contiguous parts of nearly equal size, in file order, so shards never overlap.
 */
export function selectScenarios(all: readonly LoadedScenario[], selection: Selection): LoadedScenario[] {
  const { grep, grepInvert, tags, shard } = selection;
  const filtered = all.filter((s) => {
    const title = `${s.file} ${s.name}`;
    if (grep && !grep.test(title)) return false;
    if (grepInvert && grepInvert.test(title)) return false;
    if (tags && tags.length > 0 && !tags.some((t) => s.tags.includes(t))) return false;
    return true;
  });
  if (!shard) return filtered;
  const from = Math.floor(((shard.index - 1) * filtered.length) / shard.total);
  const to = Math.floor((shard.index * filtered.length) / shard.total);
  return filtered.slice(from, to);
}
