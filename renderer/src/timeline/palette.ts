import type { Tone } from './layout';

/** Colours of the timeline drawing, per theme. */
export interface TimelinePalette {
  background: string;
  laneEven: string;
  laneOdd: string;
  gutter: string;
  text: string;
  textMuted: string;
  grid: string;
  axis: string;
  deadAir: string;
  deadAirHatch: string;
  deadline: string;
  scrub: string;
  selection: string;
  hover: string;
  barText: string;
  /** Marker lines, e.g. where a replay diverges from its recording. */
  marker: string;
  tones: Record<Tone, string>;
}

export const LIGHT_PALETTE: TimelinePalette = {
  background: '#ffffff',
  laneEven: '#f7f8fa',
  laneOdd: '#ffffff',
  gutter: '#f0f2f5',
  text: '#1f2225',
  textMuted: '#6b7280',
  grid: 'rgba(0, 0, 0, 0.06)',
  axis: 'rgba(0, 0, 0, 0.35)',
  deadAir: 'rgba(208, 48, 80, 0.07)',
  deadAirHatch: 'rgba(208, 48, 80, 0.28)',
  deadline: '#d03050',
  scrub: '#2080f0',
  selection: '#f0a020',
  hover: 'rgba(32, 128, 240, 0.9)',
  barText: '#ffffff',
  marker: '#9b30d9',
  tones: {
    user: '#4f7fd8',
    bot: '#18a058',
    module: '#6b7787',
    pause: '#d03050',
    ok: '#0e9f8f',
    warn: '#e08a00',
    error: '#d03050',
    muted: '#9aa3ad',
    open: '#8a94a6',
  },
};

export const DARK_PALETTE: TimelinePalette = {
  background: '#18181c',
  laneEven: '#1f1f24',
  laneOdd: '#18181c',
  gutter: '#232329',
  text: '#e6e6e8',
  textMuted: '#9ca3af',
  grid: 'rgba(255, 255, 255, 0.07)',
  axis: 'rgba(255, 255, 255, 0.4)',
  deadAir: 'rgba(232, 80, 91, 0.10)',
  deadAirHatch: 'rgba(232, 80, 91, 0.35)',
  deadline: '#e8505b',
  scrub: '#70c0e8',
  selection: '#f2c97d',
  hover: 'rgba(112, 192, 232, 0.95)',
  barText: '#0f1115',
  marker: '#d58cff',
  tones: {
    user: '#7aa7f0',
    bot: '#63e2b7',
    module: '#8d97a5',
    pause: '#e8505b',
    ok: '#4fd1c5',
    warn: '#f2c97d',
    error: '#e8505b',
    muted: '#5c6370',
    open: '#7d8595',
  },
};
