import { describe, expect, it } from 'vitest';
import { celTypeError, endpointScope, mockWhenScope, moduleScope } from '../../../main/expr/cel-scopes';

describe('CEL type check at load (cel-scopes.ts)', () => {
  const module = moduleScope(['tries', 'lang', 'order']);
  const endpoint = endpointScope(['order_id']);

  it('accepts what a module, an endpoint rule and a mock rule may read', () => {
    for (const source of ['tries + 1 > 2', 'lang == "en" && message.contains("yes")', 'size(message) > 3 && int(message) > 0', 'order.items.exists(i, i.qty > 1)', 'has(order.id)']) {
      expect(celTypeError(source, module), source).toBeNull();
    }
    for (const source of ['status >= 200 && status < 300', 'status == 404', 'body.state == "shipped"', 'headers["x-lang"] == "en"', 'order_id != ""']) {
      expect(celTypeError(source, endpoint), source).toBeNull();
    }
    for (const source of ["params.id == '404'", 'query.q.startsWith("a")', 'body.order.total > 100', 'method == "POST" && path.startsWith("/orders")']) {
      expect(celTypeError(source, mockWhenScope()), source).toBeNull();
    }
  });

  it('refuses unknown functions, unknown variables and impossible types, with the column', () => {
    expect(celTypeError('message.frobnicate("yes")', module)).toBe(
      "invalid CEL expression 'message.frobnicate(\"yes\")': found no matching overload for 'string.frobnicate(string)' (column 1)",
    );
    expect(celTypeError('this.constructor', module)).toBe(
      "invalid CEL expression 'this.constructor': unknown variable 'this' (column 1); a module can read: lang, message, order, tries (a context must be set somewhere in the flow)",
    );
    expect(celTypeError('tries > max_tries', module)).toMatch(/unknown variable 'max_tries' \(column 9\)/);
    expect(celTypeError('constructor == 1', module)).toMatch(/unknown variable 'constructor'/);
    expect(celTypeError('status == "404"', endpoint)).toMatch(/no such overload: int == string/);
    // `message` is read by modules, not by endpoint rules (SPEC §2.1).
    expect(celTypeError('message == "x"', endpoint)).toMatch(/unknown variable 'message'.*an endpoint rule can read: body, headers, order_id, status/);
    expect(celTypeError('status == 200', mockWhenScope())).toMatch(/unknown variable 'status'.*a mock rule can read: body, headers, method, params, path, query/);
    expect(celTypeError('params.id.frob()', mockWhenScope())).toMatch(/found no matching overload for 'string.frob\(\)'/);
  });

  it("reads the session's mock state (SPEC §7.3), and lets mocks declare more variables in one place", () => {
    expect(celTypeError('state.order == "ready"', mockWhenScope())).toBeNull();
    expect(celTypeError('cookies.id == "7"', mockWhenScope())).toMatch(/unknown variable 'cookies'/);
    expect(celTypeError('cookies.id == "7"', mockWhenScope({ cookies: 'map<string, string>' }))).toBeNull();
  });
});
