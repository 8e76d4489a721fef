import type { FlowbenchBridge } from '../main/api/bridge';

declare global {
  interface Window {
    /** Present in the desktop app (set by the preload); absent in browser mode. */
    readonly flowbench?: FlowbenchBridge;
  }
}

export {};
