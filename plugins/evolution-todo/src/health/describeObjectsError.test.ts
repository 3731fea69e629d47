import { describeObjectsError } from './describeObjectsError';

describe('describeObjectsError', () => {
  it.each([
    ['Request failed with 401 Unauthorized, {"error":{}}', /not signed in/],
    [
      'Request failed with 403 Forbidden, denied',
      /kubernetes\.resources\.read/,
    ],
    [
      'Could not find the Kubernetes Backend (HTTP 404). Make sure the plugin has been fully installed.',
      /not found \(HTTP 404\)/,
    ],
    [
      'Request failed with 503 Service Unavailable, upstream down',
      /failed \(HTTP 503\): upstream down/,
    ],
    ['Unexpected token \'<\', "<html>" is not valid JSON', /not valid JSON/],
    ['Failed to fetch', /could not be reached/],
    ['something odd', /could not be loaded: something odd/],
  ])('%s', (message, expected) => {
    expect(describeObjectsError(message)).toEqual({
      severity: 'error',
      message: expect.stringMatching(expected),
    });
  });
});
