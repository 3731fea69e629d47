import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Read what made the System todo, with the backend at 4 replicas from now on, for the render steps that follow.',
    example: YAML.stringify({
      steps: [
        {
          id: 'prepare',
          action: 'evolution-todo:upgrade:parameters',
          name: 'Read the recorded parameters',
          input: {
            entityRef: 'system:default/todo',
            changes: 'backend:\n  replicas: 4\n',
          },
        },
      ],
    }),
  },
];
