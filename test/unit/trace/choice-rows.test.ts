import { describe, expect, it } from 'vitest';
import { choiceRows } from '../../../main/api/trace/choice-rows';
import { exampleTrace } from './example-traces';

const brief = (rows: ReturnType<typeof choiceRows>) => rows.map((r) => [r.t, r.module, r.port, r.to, r.kind, r.lambda]);

describe('choiceRows: the port-choices panel', () => {
  it('lists the no_input interruptions between the ports (order-keypad, three silences)', async () => {
    // notice → menu at 0 (red arrow to read); no-inputs at 12200, 22000, 31800 (see voice-turns.test.ts),
    // each followed by silent's choice (else, else, give_up) and reprompt's / transfer's next.
    const rows = choiceRows(await exampleTrace('order-keypad.scenario.yaml', 'no input — three silences'));
    expect(brief(rows)).toEqual([
      [0, 'notice', 'next', 'menu', 'port', null],
      [0, 'menu', 'next', 'read', 'port', null],
      [12200, 'read', 'no_input', 'silent', 'interruption', null],
      [12200, 'silent', 'else', 'reprompt', 'port', null],
      [12200, 'reprompt', 'next', 'read', 'port', null],
      [22000, 'read', 'no_input', 'silent', 'interruption', null],
      [22000, 'silent', 'else', 'reprompt', 'port', null],
      [22000, 'reprompt', 'next', 'read', 'port', null],
      [31800, 'read', 'no_input', 'silent', 'interruption', null],
      [31800, 'silent', 'give_up', 'transfer', 'port', null],
      [31800, 'transfer', 'next', 'agent', 'port', null],
    ]);
    expect(rows[2]?.reason).toBe('the caller said nothing (no-input #1 in a row): read does not run');
  });

  it("shows the port a lambda returned: 'review' for a big order, next when it returns nothing", async () => {
    const big = choiceRows(await exampleTrace('refund-chat.scenario.yaml', 'big order'));
    expect(big.find((r) => r.module === 'tier')?.lambda).toEqual({ returned: 'review' });
    const small = choiceRows(await exampleTrace('refund-chat.scenario.yaml', 'small order'));
    expect(small.find((r) => r.module === 'tier')).toMatchObject({ port: 'next', lambda: { returned: 'next' } });
    // Ports of other modules are not a lambda's.
    expect(small.filter((r) => r.lambda !== null).map((r) => r.module)).toEqual(['tier']);
  });

  it('shows the error of a lambda that threw, with its line (refund-chat: amount "n/a", line 3)', async () => {
    // tier's code, line 3: `if (!Number.isFinite(amount)) throw new Error('order amount is not a number: ' + …)`.
    const rows = choiceRows(await exampleTrace('refund-chat.scenario.yaml', 'order amount unreadable'));
    expect(rows.find((r) => r.module === 'tier')).toMatchObject({ port: 'error', to: 'sorry', lambda: { error: 'Error: order amount is not a number: n/a', line: 3 } });
  });
});
