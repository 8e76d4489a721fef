import type { FuseV1Config } from '@electron/fuses';

export const FLOWBENCH_FUSES: Readonly<FuseV1Config>;
export function describeFuses(config?: Readonly<FuseV1Config>): string[];
export function findElectronDistribution(root: string): { dist: string; executable: string } | { reason: string };
export function applyElectronFuses(
  root: string,
  options?: { target?: string },
): Promise<{ applied: false; reason: string } | { applied: true; binary: string; unknown: string[] }>;
