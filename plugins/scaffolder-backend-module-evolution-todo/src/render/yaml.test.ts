import YAML from 'yaml';
import { stringifyYaml } from './yaml';

describe('stringifyYaml', () => {
  // Strings a YAML 1.1 reader (Helm, kubectl) or a YAML 1.2 reader takes for booleans, numbers or null.
  const TRICKY = [
    'Y',
    'n',
    'on',
    'OFF',
    'yes',
    'no',
    '012',
    '0o17',
    '0x1F',
    '1e3',
    '12:30',
    '~',
    '',
    'null',
    '.inf',
    '1_000',
  ];

  it.each(TRICKY)(
    'writes %j so that YAML 1.1 and 1.2 both read it back as that string',
    value => {
      const text = stringifyYaml({ label: value, list: [value] });
      for (const version of ['1.1', '1.2'] as const) {
        expect(YAML.parse(text, { version })).toEqual({
          label: value,
          list: [value],
        });
      }
    },
  );

  it('leaves ordinary strings, numbers and booleans as they are', () => {
    expect(stringifyYaml({ name: 'todo', replicas: 3, enabled: true })).toBe(
      'name: todo\nreplicas: 3\nenabled: true\n',
    );
  });
});
