import { compareTemplateVersions } from './templates';

describe('compareTemplateVersions', () => {
  it.each([
    ['1.0.0', '1.1.0', -1],
    ['1.10.0', '1.9.3', 1],
    ['2.0.0', '1.99.99', 1],
    ['1.2.3', '1.2.3', 0],
    ['1.2', '1.3.0', 0],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareTemplateVersions(a, b))).toBe(sign);
  });
});
