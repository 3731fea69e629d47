import { stateObject } from './__fixtures__/stateObject';
import type { Service } from './kubernetes';
import {
  classifyProbeAnswer,
  probeWithoutAnswer,
  serviceProxyPath,
} from './probes';

const readiness = {
  component: 'backend',
  probe: 'readiness' as const,
  path: '/readiness',
};

describe('live health checks', () => {
  it('builds the service proxy path on the http port', () => {
    expect(
      serviceProxyPath(
        stateObject<Service>('pod-running-ready.yaml', 'Service'),
        '/readiness',
      ),
    ).toBe(
      '/api/v1/namespaces/todo/services/todo-backend%3Ahttp/proxy/readiness',
    );
  });

  it.each([
    [
      200,
      '{"status":"ok","database":"ok"}',
      'pass',
      'answered 200: status: ok, database: ok',
    ],
    [
      200,
      '<html>ok</html>',
      'pass',
      'answered 200, but the body is not JSON: <html>ok</html>',
    ],
    [
      503,
      '{"status":"unavailable","database":"unreachable"}',
      'fail',
      'answered 503: status: unavailable, database: unreachable',
    ],
    [
      500,
      'Internal Server Error',
      'fail',
      'answered 500: Internal Server Error',
    ],
    [
      503,
      '{"kind":"Status","apiVersion":"v1","status":"Failure","message":"no endpoints available for service \\"todo-backend:http\\"","reason":"ServiceUnavailable","code":503}',
      'fail',
      'no ready pod behind the Service (no endpoints available for service "todo-backend:http")',
    ],
    [
      403,
      '{"kind":"Status","apiVersion":"v1","status":"Failure","message":"services \\"todo-backend:http\\" is forbidden: User \\"system:serviceaccount:backstage:reader\\" cannot get resource \\"services/proxy\\"","reason":"Forbidden","code":403}',
      'unavailable',
      'the cluster refused the proxy call (403; the service account needs get on services/proxy): services "todo-backend:http" is forbidden: User "system:serviceaccount:backstage:reader" cannot get resource "services/proxy"',
    ],
    [
      404,
      '{"kind":"Status","apiVersion":"v1","status":"Failure","message":"services \\"todo-backend\\" not found","reason":"NotFound","code":404}',
      'fail',
      'the Service does not exist (404): services "todo-backend" not found',
    ],
    [
      401,
      '{"error":{"name":"AuthenticationError","message":"Missing credentials"}}',
      'unavailable',
      'not signed in to Backstage (401): Missing credentials',
    ],
    [
      403,
      '{"error":{"name":"NotAllowedError","message":"Unauthorized"}}',
      'unavailable',
      'Backstage does not allow the Kubernetes proxy for you (403): Unauthorized',
    ],
    [
      500,
      '{"error":{"name":"ForwardedError","message":"Cluster \'local\' request error; caused by Error: connect ECONNREFUSED 127.0.0.1:6443"}}',
      'unavailable',
      "the Kubernetes backend could not reach the cluster (500): Cluster 'local' request error; caused by Error: connect ECONNREFUSED 127.0.0.1:6443",
    ],
  ])('classifies HTTP %i %s', (status, body, outcome, message) => {
    expect(classifyProbeAnswer(readiness, { status, body })).toEqual({
      ...readiness,
      status,
      outcome,
      message,
    });
  });

  it('does not blame the service for an unanswered call', () => {
    expect(probeWithoutAnswer(readiness, 'timeout')).toMatchObject({
      outcome: 'unavailable',
      message:
        'no answer within 5 s (the service, the cluster or the Kubernetes backend is slow)',
    });
  });
});
