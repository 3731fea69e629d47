import YAML from 'yaml';
import { parseYamlStream, toYamlStream } from './yaml';

/** Strings that YAML 1.1 (go-yaml: kubectl, Helm) reads as booleans, numbers or null. */
const YAML_1_1_LOOKALIKES = [
  'no',
  'yes',
  'on',
  'off',
  'y',
  'n',
  'NO',
  'On',
  '0755',
  '1:30',
  '~',
];

describe('toYamlStream', () => {
  const objects = [
    { kind: 'Deployment', args: ['--appendonly', ...YAML_1_1_LOOKALIKES] },
    {
      kind: 'ConfigMap',
      data: Object.fromEntries(YAML_1_1_LOOKALIKES.map((s, i) => [`k${i}`, s])),
    },
  ];
  const text = toYamlStream(objects);

  it('writes strings that YAML 1.1 would turn into booleans or numbers so that it reads strings', () => {
    const asGoYamlReadsIt = YAML.parseAllDocuments(text, {
      version: '1.1',
    }).map(d => d.toJS());
    expect(asGoYamlReadsIt).toEqual(objects);
  });

  it('reads back the same under YAML 1.2', () => {
    expect(parseYamlStream(text)).toEqual(objects);
  });

  it('keeps real booleans and numbers unquoted', () => {
    expect(toYamlStream([{ a: false, b: 3, c: 'x' }])).toBe(
      'a: false\nb: 3\nc: x\n',
    );
  });
});
