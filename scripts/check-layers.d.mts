export interface Layer {
  layer: string;
  files: RegExp;
  may: string[];
  packages: string[];
}
export interface Violation {
  from: string;
  to: string;
  layer: string | null;
  message: string;
}
export interface FolderCycle {
  folders: string[];
  edges: { from: string; to: string; via: string }[];
}
export function checkLayers(options: { baseDir: string; roots?: string[]; layers?: Layer[] }): Promise<{ violations: Violation[]; cycles: FolderCycle[]; files: number }>;
export function folderCycles(graph: Map<string, Map<string, string>>): FolderCycle[];
