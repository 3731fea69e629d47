import {
  checkNamespaceScope,
  RESTRICTED_POD_SECURITY_LABELS,
  withNamespace,
} from './namespace';
import type { SourcedObject } from './types';

const configMap: SourcedObject = {
  object: {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'c', namespace: 'demo' },
  },
  source: 'k8s/c.yaml#1',
};

describe('withNamespace', () => {
  it('adds the Namespace with the three restricted Pod Security labels', () => {
    const [namespace, rest] = withNamespace([configMap], 'demo');

    expect(namespace.object).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'demo',
        labels: {
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        },
      },
    });
    expect(rest).toBe(configMap);
  });

  it('merges the labels into a Namespace the manifests already define, instead of applying it twice', () => {
    const rendered: SourcedObject = {
      object: {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'demo', labels: { team: 'todo' } },
      },
      source: 'k8s/namespace.yaml#1',
    };

    const result = withNamespace([configMap, rendered], 'demo');

    expect(result).toHaveLength(2);
    expect(result[1].object.metadata.labels).toEqual({
      team: 'todo',
      ...RESTRICTED_POD_SECURITY_LABELS,
    });
    expect(result[1].source).toBe('k8s/namespace.yaml#1');
  });
});

describe('checkNamespaceScope', () => {
  it('accepts objects in the target namespace or without one', () => {
    const noNamespace: SourcedObject = {
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'd' } },
      source: 'k8s/d.yaml#1',
    };
    expect(() =>
      checkNamespaceScope([configMap, noNamespace], 'demo'),
    ).not.toThrow();
  });

  it('refuses another namespace and a Namespace object with another name', () => {
    const otherNamespace: SourcedObject = {
      object: {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'monitoring' },
      },
      source: 'k8s/ns.yaml#1',
    };
    expect(() =>
      checkNamespaceScope([configMap, otherNamespace], 'prod'),
    ).toThrow(
      'Input "namespace" is "prod", but these objects belong to another namespace: ConfigMap demo/c (k8s/c.yaml#1), Namespace monitoring (k8s/ns.yaml#1).',
    );
  });
});
