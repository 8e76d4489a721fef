import type { MockResponse, MockRoute } from '../api/formats/mocks';
import { celSyntaxError } from '../expr/cel';
import { celTypeError, mockWhenScope } from '../expr/cel-scopes';
import { jsonTemplateNames, parseTemplate } from '../expr/template';
import { pathSyntaxError } from '../../mocks/core/compile-mocks';
import type { PathIssue } from './flow-checks';

/** Cross-checks of a mock set: unique route ids, Express paths, CEL rules, templates. */
export function checkRoutes(routes: readonly { index: number; route: MockRoute }[], prefix: (string | number)[] = ['routes']): PathIssue[] {
  const issues: PathIssue[] = [];
  const seen = new Map<string, number>();
  for (const { index, route } of routes) {
    const at = (...rest: (string | number)[]): (string | number)[] => [...prefix, index, ...rest];
    const first = seen.get(route.id);
    if (first === undefined) seen.set(route.id, index);
    else issues.push({ path: at('id'), message: `duplicate route id '${route.id}' (first at routes[${first}])` });
    const pathError = pathSyntaxError(route.path);
    if (pathError !== null) issues.push({ path: at('path'), message: `invalid Express path: ${pathError}` });
    issues.push(...checkResponses(route.responses, at('responses')));
  }
  return issues;
}

/** The `when` rules (syntax and what they read) and templates of responses, at `at[k]`. */
export function checkResponses(responses: readonly MockResponse[], at: readonly (string | number)[]): PathIssue[] {
  const issues: PathIssue[] = [];
  responses.forEach((response, k) => {
    if (response.when !== undefined) {
      const error = celSyntaxError(response.when) ?? celTypeError(response.when, mockWhenScope());
      if (error !== null) issues.push({ path: [...at, k, 'when'], message: error });
    }
    try {
      if (response.setState !== undefined) jsonTemplateNames(response.setState);
      if (response.template === false) return; // served as written: nothing to parse
      if (response.body !== undefined) jsonTemplateNames(response.body);
      for (const value of Object.values(response.headers)) parseTemplate(value);
    } catch (error) {
      issues.push({ path: [...at, k], message: error instanceof Error ? error.message : String(error) });
    }
  });
  return issues;
}
