import { summarizeImage } from './image';
import { parseQuantity } from './quantity';

describe('summarizeImage', () => {
  it.each([
    ['ghcr.io/evolution-todo/todo-backend:0.2.0', '0.2.0'],
    ['localhost:5000/todo-backend:sha-1a2b3c', 'sha-1a2b3c'],
    ['redis', 'latest'],
    ['postgres:17.6-alpine3.22@sha256:0123456789abcdef0123', '17.6-alpine3.22'],
    ['ghcr.io/x/y@sha256:0123456789abcdef0123', 'sha256:0123456789ab'],
  ])('%s → %s', (reference, tag) => {
    expect(summarizeImage(reference)?.tag).toBe(tag);
  });
});

describe('parseQuantity', () => {
  it.each([
    ['250m', 0.25],
    ['91Mi', 91 * 2 ** 20],
    ['104857600', 104857600],
    ['2k', 2000],
    ['1e3', 1000],
  ])('%s → %d', (q, n) => expect(parseQuantity(q)).toBeCloseTo(n));
  it('returns undefined for what it cannot read', () => {
    expect(parseQuantity('lots')).toBeUndefined();
    expect(parseQuantity('5Zi')).toBeUndefined();
  });
});
