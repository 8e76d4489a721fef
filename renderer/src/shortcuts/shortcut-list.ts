export interface Shortcut {
  /** As shown to the user, e.g. `Ctrl+Enter`. */
  keys: string;
  description: string;
  where: 'Everywhere' | 'Run / Timeline' | 'Flows' | 'Scenarios' | 'Sessions';
}

/** Every keyboard shortcut of the workbench: the help dialog lists exactly these. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Alt+1 … Alt+5', description: 'Switch section (Flows, Run, Mocks, Scenarios, Sessions)', where: 'Everywhere' },
  { keys: '?', description: 'Show the keyboard shortcuts', where: 'Everywhere' },
  { keys: 'Ctrl+Enter', description: 'Run the selected scenario', where: 'Run / Timeline' },
  { keys: 'R', description: 'Rerun the last scenario', where: 'Run / Timeline' },
  { keys: '← / →', description: 'Scrub 100 ms left / right', where: 'Run / Timeline' },
  { keys: 'Shift+← / Shift+→', description: 'Scrub 1 s left / right', where: 'Run / Timeline' },
  { keys: 'Home / End', description: 'Scrub to the start / end of the run', where: 'Run / Timeline' },
  { keys: '[ / ]', description: 'Previous / next port choice', where: 'Run / Timeline' },
  { keys: '+ / − / 0', description: 'Zoom the timeline in / out / to fit', where: 'Run / Timeline' },
  { keys: 'F', description: 'Fit the graph to the window', where: 'Flows' },
  { keys: 'Esc', description: 'Clear the module selection', where: 'Flows' },
  { keys: 'Ctrl+S', description: 'Save the scenario in the editor', where: 'Scenarios' },
  { keys: 'Enter', description: 'Send the message to the bot', where: 'Sessions' },
  { keys: 'Ctrl+Enter', description: 'Replay the selected recording', where: 'Sessions' },
];

/** The shortcut of one action, for tooltips and aria-keyshortcuts. */
export function shortcutFor(description: string): string {
  return SHORTCUTS.find((s) => s.description === description)?.keys ?? '';
}
