import { BuildEnvironment, BuildHTTPRoute, BuildRouteResponse } from '@mockoon/commons';
import type { Environment } from '@mockoon/commons';

/** A Mockoon environment with the bench route, as close to the others as Mockoon allows. */
export function mockoonEnvironment(port: number): Environment {
  const response = {
    ...BuildRouteResponse(),
    default: true,
    statusCode: 200,
    headers: [{ key: 'Content-Type', value: 'application/json; charset=utf-8' }],
    body: '{"id":"{{urlParam \'id\'}}","state":"shipped","eta":"tomorrow"}',
  };
  const route = { ...BuildHTTPRoute(false), method: 'get' as const, endpoint: 'orders/:id', responses: [response] };
  const environment = BuildEnvironment({ hasDefaultRoute: false, hasContentTypeHeader: false, hasCorsHeaders: false, port });
  return {
    ...environment,
    name: 'flowbench bench',
    hostname: '127.0.0.1',
    cors: false,
    routes: [route],
    rootChildren: [{ type: 'route', uuid: route.uuid }],
  };
}
