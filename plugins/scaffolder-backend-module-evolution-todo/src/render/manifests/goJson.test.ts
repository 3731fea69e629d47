import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HELM_MAJORS, helmTemplate } from '../../testUtils/helm';
import { goJson, sha256Hex } from './goJson';

/**
 * goJson must produce Helm's `toJson` bytes exactly, or the checksum/config
 * annotation of k8s/ would differ from the chart's. Real Helm decides.
 */
const SAMPLES: Record<string, string>[] = [
  { PORT: '8000', DATABASE_HOST: 'todo-postgres', LOG_LEVEL: 'info' },
  {
    b: 'x<y&z>',
    a: '3000',
    U: '\u2028 \u2029 é ✓',
    quote: 'say "hi"\\',
    empty: '',
  },
  { 'z.key': 'tab\there', 'A-key': 'line\nbreak', _k: 'emoji 🚀' },
];

describe.each(HELM_MAJORS)(
  'goJson against Helm %s toJson | sha256sum',
  major => {
    let dir: string;

    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evolution-todo-gojson-'));
      fs.mkdirSync(path.join(dir, 'templates'));
      fs.writeFileSync(
        path.join(dir, 'Chart.yaml'),
        'apiVersion: v2\nname: gojson\nversion: 0.1.0\n',
      );
      fs.writeFileSync(
        path.join(dir, 'templates', 'samples.yaml'),
        `{{- range $i, $sample := .Values.samples }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: sample-{{ $i }}
data:
  json: {{ toJson $sample | quote }}
  sha256: {{ toJson $sample | sha256sum }}
{{- end }}
`,
      );
      // JSON is YAML. U+2028/9 go escaped: YAML reads them raw as line breaks.
      fs.writeFileSync(
        path.join(dir, 'values.yaml'),
        JSON.stringify({ samples: SAMPLES }).replace(/[\u2028\u2029]/g, c =>
          c === '\u2028' ? '\\u2028' : '\\u2029',
        ),
      );
    });

    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('matches byte for byte, hash included', async () => {
      const rendered = await helmTemplate(major, dir, {
        release: 'r',
        namespace: 'n',
      });
      expect(rendered).toHaveLength(SAMPLES.length);
      rendered.forEach((configMap, i) => {
        expect(goJson(SAMPLES[i])).toBe(configMap.data.json);
        expect(sha256Hex(goJson(SAMPLES[i]))).toBe(configMap.data.sha256);
      });
    });
  },
);

describe('goJson', () => {
  it('sorts keys at every depth and escapes HTML characters as Go does', () => {
    expect(goJson({ b: 1, a: { d: ['<'], c: '&' } })).toBe(
      '{"a":{"c":"\\u0026","d":["\\u003c"]},"b":1}',
    );
  });
});
