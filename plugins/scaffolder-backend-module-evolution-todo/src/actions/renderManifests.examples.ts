import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import * as yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Render the raw Kubernetes manifests (k8s/) from the whole form, beside the chart they mirror',
    example: yaml.stringify({
      steps: [
        {
          id: 'manifests',
          name: 'Render Kubernetes manifests',
          action: 'evolution-todo:render:manifests',
          input: { parameters: '${{ parameters }}' },
        },
      ],
    }),
  },
  {
    description:
      'Render manifests for a lean stack behind ingress-nginx, without Redis and without the Prometheus Operator objects',
    example: yaml.stringify({
      steps: [
        {
          id: 'manifests',
          name: 'Render Kubernetes manifests',
          action: 'evolution-todo:render:manifests',
          input: {
            parameters: {
              name: 'lean',
              ingress: { provider: 'nginx', host: 'lean.example.com' },
              redis: { enabled: false },
              monitoring: { enabled: false },
              logging: { stack: 'none' },
            },
          },
        },
      ],
    }),
  },
];
