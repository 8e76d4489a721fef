import { defineComponent } from 'vue';

/**
 * Renders its default slot in a render of its own. What the slot reads (the scrubbed time,
 * the pending requests, …) then re-renders only this and what it holds, not the card, the
 * spinner or the view around it: a scrub step patches the panels, not the whole Run view.
 */
export default defineComponent({
  name: 'RenderApart',
  setup(_props, { slots }) {
    return () => slots.default?.();
  },
});
