export function isBuildStale(root: string): boolean;
export function buildIfStale(root: string, options?: { force?: boolean }): void;
