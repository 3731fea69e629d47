import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Validate the form first and record it with the template version, then fetch the skeleton with the values derived from it.',
    example: YAML.stringify({
      steps: [
        {
          id: 'resolve',
          action: 'evolution-todo:resolve-parameters',
          name: 'Check the parameters',
          input: {
            // template.yaml passes its evolution-todo.dev/template-version annotation here.
            templateVersion: '1.4.0',
            parameters: {
              name: 'todo',
              owner: 'group:default/todo-team',
              redis: { enabled: false },
              logging: { stack: 'fluentd' },
            },
          },
        },
        {
          id: 'skeleton',
          action: 'fetch:template',
          name: 'Fetch the skeleton',
          input: {
            url: './skeleton',
            copyWithoutTemplating: ['.github/workflows/*'],
            values: '${{ steps.resolve.output.skeletonValues }}',
          },
        },
      ],
    }),
  },
];
