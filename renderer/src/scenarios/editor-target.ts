/** What the scenario editor is editing: a new scenario, or one of the library. */
export type EditorTarget = { kind: 'create' } | { kind: 'edit'; id: number; name: string; file: string; fileSettings: Record<string, unknown> };
