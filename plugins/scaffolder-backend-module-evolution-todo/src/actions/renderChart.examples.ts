import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import * as yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Render the chart from the whole form: the template's parameters use the same keys as the action",
    example: yaml.stringify({
      steps: [
        {
          id: 'chart',
          name: 'Render the Helm chart',
          action: 'evolution-todo:render:chart',
          input: { parameters: '${{ parameters }}' },
        },
      ],
    }),
  },
  {
    description:
      'Render the chart for a production-like stack into the repository folder "deploy": Gateway API route with TLS, blue-green rollout, autoscaled frontend, an existing database Secret',
    example: yaml.stringify({
      steps: [
        {
          id: 'chart',
          name: 'Render the Helm chart',
          action: 'evolution-todo:render:chart',
          input: {
            targetPath: 'deploy',
            parameters: {
              name: 'shop',
              namespace: 'shop-prod',
              imageRegistry: 'registry.example.com/shop',
              imageTag: '2.4.1',
              ingress: {
                provider: 'gateway',
                host: 'shop.example.com',
                tls: true,
              },
              frontend: {
                autoscaling: { enabled: true, minReplicas: 3, maxReplicas: 12 },
              },
              postgres: { existingSecret: 'shop-db', storage: '50Gi' },
              rollout: { strategy: 'blue-green', activeColor: 'green' },
            },
          },
        },
      ],
    }),
  },
];
