/** Where a duplicated scenario comes from: its file and the settings that file gives it. */
export interface EditorOrigin {
  file: string;
  name: string;
  fileSettings: Record<string, unknown>;
  /** The original scenario as written (what it does not set, it takes from the file). */
  scenario: Record<string, unknown>;
}

/** What the scenario editor is editing: a new scenario (maybe a copy of one), or one of the library. */
export type EditorTarget = { kind: 'create'; origin?: EditorOrigin } | { kind: 'edit'; id: number; name: string; file: string; fileSettings: Record<string, unknown> };
