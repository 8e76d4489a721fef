import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../main/api/errors';
import { errorMessage } from '../../renderer/src/stores/error-message';

describe('error messages on screen', () => {
  it('lists each problem once, without the internal route name', () => {
    // What the host sends for sessions.dtmf with bad keys: its message repeats the issue for logs.
    const error = new ApiCallError('sessions.dtmf', {
      code: 'invalid_input',
      message: 'invalid input for sessions.dtmf: keys: expected DTMF keys: 0-9, *, #, A-D',
      issues: [
        { path: 'keys', message: 'expected DTMF keys: 0-9, *, #, A-D' },
        { path: 'keys', message: 'expected DTMF keys: 0-9, *, #, A-D' },
      ],
    });
    expect(errorMessage(error)).toBe('Not accepted:\n• keys: expected DTMF keys: 0-9, *, #, A-D');
  });

  it('keeps the host’s headline for other errors, minus the problems it lists below', () => {
    const error = new ApiCallError('flows.load', {
      code: 'failed',
      message: 'flows/x.flow.yaml is not a valid flow: start: unknown module',
      issues: [{ path: 'start', message: 'unknown module' }],
    });
    expect(errorMessage(error)).toBe('flows/x.flow.yaml is not a valid flow:\n• start: unknown module');
  });

  it('passes plain errors through', () => {
    expect(errorMessage(new Error('the session has ended'))).toBe('the session has ended');
    expect(errorMessage('offline')).toBe('offline');
  });
});
