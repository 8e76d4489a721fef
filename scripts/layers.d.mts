import type { Layer } from './check-layers.mjs';
export const LAYERS: Layer[];
export const CHECKED_ROOTS: string[];
