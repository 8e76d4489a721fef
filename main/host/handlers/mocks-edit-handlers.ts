import type { Handlers } from '../dispatch';
import type { MockSetEditing } from '../mock-set-editing';

/** The Mocks view's editor: open, review (checks and YAML diff), save. */
export function mocksEditHandlers(editing: MockSetEditing): Pick<Handlers, 'mocks.openSet' | 'mocks.reviewSet' | 'mocks.saveSet'> {
  return {
    'mocks.openSet': (input) => editing.open(input),
    'mocks.reviewSet': (input) => editing.review(input.target, input.mocks, input.baseSha256),
    'mocks.saveSet': (input) => editing.save(input.target, input.mocks, input.baseSha256),
  };
}
