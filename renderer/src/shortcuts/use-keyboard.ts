import { onBeforeUnmount, onMounted } from 'vue';

/** Whether the key went to a text field or editor (where letters must stay letters). */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

/** `Ctrl+Enter`, `Shift+ArrowRight`, `[`, `r`: the key with its modifiers, as handlers match it. */
export function keyOf(event: KeyboardEvent): string {
  const parts: string[] = [];
  if (event.ctrlKey || event.metaKey) parts.push('Ctrl');
  if (event.altKey) parts.push('Alt');
  const printable = event.key.length === 1;
  if (event.shiftKey && !printable) parts.push('Shift');
  parts.push(printable ? event.key.toLowerCase() : event.key);
  return parts.join('+');
}

/**
 * Listens to keys while the component is mounted. The handler gets the key (see keyOf) and
 * returns true when it used it. Keys typed into fields reach it only with Ctrl.
 */
export function useKeyboard(handler: (key: string, event: KeyboardEvent) => boolean): void {
  const listener = (event: KeyboardEvent): void => {
    if (event.defaultPrevented) return;
    const key = keyOf(event);
    if (isTyping(event) && !key.startsWith('Ctrl+')) return;
    if (handler(key, event)) event.preventDefault();
  };
  onMounted(() => window.addEventListener('keydown', listener));
  onBeforeUnmount(() => window.removeEventListener('keydown', listener));
}
