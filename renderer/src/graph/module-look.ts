import type { FlowModule, ModuleType } from '../../../main/api/formats/flow';

/** Green arrows (the next module runs at once) and red arrows (a pause: the turn ends). */
export const ARROW_COLOURS = { green: '#18a058', red: '#d03050' } as const;

export type ModuleShape = 'speech' | 'logic' | 'integration' | 'timer' | 'terminal';

export interface ModuleLook {
  /** What the type is called in the graph. */
  label: string;
  shape: ModuleShape;
  /** Accent colour of the type (the same in both themes). */
  colour: string;
  /** SVG path data of the 16×16 icon. */
  icon: string;
}

const ICONS = {
  speech: 'M2 3h12v8H7l-3 3v-3H2z',
  capture: 'M3 4h10M3 8h6M3 12h8M12 9l2 2-2 2',
  condition: 'M8 1l7 7-7 7-7-7z',
  context: 'M5 2C3 2 3 4 3 5s-1 3-2 3c1 0 2 1 2 3s0 3 2 3M11 2c2 0 2 2 2 3s1 3 2 3c-1 0-2 1-2 3s0 3-2 3',
  counter: 'M5 2L4 14M11 2l-1 12M2 6h12M2 10h12',
  api: 'M2 5h10l-3-3M14 11H4l3 3',
  async: 'M2 8h9M8 4l4 4-4 4M14 3v10',
  await: 'M4 2h8M4 14h8M5 2c0 4 6 4 6 6s-6 2-6 6M11 2c0 4-6 4-6 6s6 2 6 6',
  wait: 'M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13M8 4v4l3 2',
  lambda: 'M3 2h2.5l7.5 12M8.2 7.2L3 14',
  handover: 'M6 5a2.5 2.5 0 1 0 0-.1M2 14c0-3 2-5 4-5s4 2 4 5M11 7h4M13 5l2 2-2 2',
  end: 'M3 3h10v10H3z',
} as const;

export const MODULE_LOOKS: Readonly<Record<ModuleType, ModuleLook>> = {
  say: { label: 'Say', shape: 'speech', colour: '#18a058', icon: ICONS.speech },
  capture: { label: 'Capture', shape: 'speech', colour: '#2f9bd6', icon: ICONS.capture },
  condition: { label: 'Condition', shape: 'logic', colour: '#8a5cd8', icon: ICONS.condition },
  context: { label: 'Context', shape: 'logic', colour: '#6d6fd8', icon: ICONS.context },
  counter: { label: 'Counter', shape: 'logic', colour: '#b8559c', icon: ICONS.counter },
  api: { label: 'API (blocking)', shape: 'integration', colour: '#d9822b', icon: ICONS.api },
  api_async: { label: 'API async', shape: 'integration', colour: '#d4a017', icon: ICONS.async },
  api_await: { label: 'API await', shape: 'integration', colour: '#c7622a', icon: ICONS.await },
  wait: { label: 'Wait', shape: 'timer', colour: '#5b8fa8', icon: ICONS.wait },
  lambda: { label: 'Lambda (JavaScript)', shape: 'logic', colour: '#b8860b', icon: ICONS.lambda },
  handover: { label: 'Handover', shape: 'terminal', colour: '#d03050', icon: ICONS.handover },
  end: { label: 'End', shape: 'terminal', colour: '#6b7280', icon: ICONS.end },
};

/** The one line a module shows under its id: its text, endpoint, timeout, … */
export function moduleSummary(module: FlowModule): string {
  switch (module.type) {
    case 'say':
      return `“${module.text}”`;
    case 'capture':
      return `→ $${module.save}${module.pattern ? ` /${module.pattern}/` : ''}`;
    case 'condition':
      return module.cases.map((c) => `${c.port}: ${c.when}`).join(' · ');
    case 'context': {
      const set = Object.keys(module.set).map((k) => `$${k}`);
      const del = module.delete.map((k) => `−$${k}`);
      return [...set, ...del].join(', ') || 'no change';
    }
    case 'counter':
      return `$${module.name} ≤ ${module.max}`;
    case 'api':
    case 'api_async':
      return module.endpoint;
    case 'api_await':
      return `${module.endpoint}, waits ${module.timeoutMs} ms`;
    case 'wait':
      return `${module.ms} ms`;
    case 'lambda': {
      const first = module.code.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
      return first.length > 48 ? `${first.slice(0, 47)}…` : first;
    }
    case 'handover':
      return 'to a human agent';
    case 'end':
      return 'ends the conversation';
  }
}
