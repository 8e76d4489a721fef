import { onBeforeUnmount, onMounted, watch } from 'vue';
import type { Ref } from 'vue';
import { basicSetup } from 'codemirror';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import type { Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState } from '@codemirror/state';
import type { Extension } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';

export interface CodeEditorOptions {
  /** The element the editor mounts into. */
  host: Ref<HTMLDivElement | null>;
  /** The text, kept in step both ways. */
  text: () => string;
  dark: () => boolean;
  /** The accessible name of the editing area. */
  label: string;
  /** The language and anything else the editor always has (line wrapping…). */
  extensions: Extension[];
  /** Colours and highlighting for a theme; swapped in place when it changes. */
  theme: (dark: boolean) => Extension;
  /** The problems to mark (a reactive source: marked again when it changes, not on every keystroke). */
  problems: () => unknown;
  /** The problems as diagnostics over the editor's current text. */
  diagnostics: (text: string) => Diagnostic[];
  onChange: (text: string) => void;
  onSave: () => void;
}

/** The editor chrome both themes share: font, gutters, active line, selection, tooltips. */
export function editorChrome(dark: boolean, fontSize: string, extra: Record<string, Record<string, string>> = {}): Extension {
  return EditorView.theme(
    {
      '&': { height: '100%', fontSize, backgroundColor: dark ? '#1d1d22' : '#ffffff', color: dark ? '#e6e6e8' : '#1f2225' },
      '.cm-content': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', caretColor: dark ? '#e6e6e8' : '#1f2225' },
      '.cm-gutters': { backgroundColor: dark ? '#232329' : '#f5f6f8', color: '#8a8f98', border: 'none' },
      '.cm-activeLine': { backgroundColor: dark ? 'rgba(255,255,255,0.04)' : 'rgba(0,0,0,0.035)' },
      '.cm-activeLineGutter': { backgroundColor: dark ? 'rgba(255,255,255,0.06)' : 'rgba(0,0,0,0.05)' },
      '&.cm-focused .cm-cursor': { borderLeftColor: dark ? '#e6e6e8' : '#1f2225' },
      '&.cm-focused .cm-selectionBackground, ::selection': { backgroundColor: dark ? 'rgba(112,192,232,0.3)' : 'rgba(32,128,240,0.2)' },
      '.cm-tooltip': { backgroundColor: dark ? '#2b2b31' : '#ffffff', color: dark ? '#e6e6e8' : '#1f2225' },
      ...extra,
    },
    { dark },
  );
}

/**
 * A CodeMirror 6 editor inside a Vue component: basic set-up, lint gutter, Mod-S to save, the
 * text kept in step with the component's model, problems marked as they change, the theme
 * swapped in place; destroyed with the component.
 */
export function useCodeEditor(options: CodeEditorOptions): { reveal(offset: number): void } {
  let view: EditorView | null = null;
  const theme = new Compartment();
  const mark = (): void => {
    if (view) view.dispatch(setDiagnostics(view.state, options.diagnostics(view.state.doc.toString())));
  };

  onMounted(() => {
    view = new EditorView({
      parent: options.host.value as HTMLDivElement,
      state: EditorState.create({
        doc: options.text(),
        extensions: [
          keymap.of([{ key: 'Mod-s', preventDefault: true, run: () => (options.onSave(), true) }]),
          basicSetup,
          ...options.extensions,
          lintGutter(),
          theme.of(options.theme(options.dark())),
          EditorView.contentAttributes.of({ 'aria-label': options.label }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) options.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    mark();
  });

  onBeforeUnmount(() => {
    view?.destroy();
    view = null;
  });

  watch(options.text, (text) => {
    if (!view || view.state.doc.toString() === text) return;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  });
  watch(options.problems, mark);
  watch(options.dark, (dark) => view?.dispatch({ effects: theme.reconfigure(options.theme(dark)) }));

  return {
    /** Puts the cursor at `offset` (a problem's place) and scrolls it into view. */
    reveal(offset: number): void {
      if (!view) return;
      const at = Math.min(offset, view.state.doc.length);
      view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
      view.focus();
    },
  };
}
