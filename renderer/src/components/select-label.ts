import { h } from 'vue';
import type { VNodeChild } from 'vue';
import type { SelectOption } from 'naive-ui';

/**
 * A select's option label that shows its whole text on hover when the select or its menu
 * cuts it: pass as `:render-label` (naive-ui draws the chosen value with it too).
 */
export function fullLabel(option: SelectOption): VNodeChild {
  const text = typeof option.label === 'string' ? option.label : String(option.value ?? '');
  return h('span', { title: text }, text);
}
