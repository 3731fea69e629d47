import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import * as yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Render the chart, the manifests and the Dockerfiles, then gate the task on validation (steps.validate.output.reportPath is the report to link)',
    example: yaml.stringify({
      steps: [
        {
          id: 'chart',
          name: 'Render the Helm chart',
          action: 'evolution-todo:render:chart',
          input: { parameters: '${{ parameters }}' },
        },
        {
          id: 'manifests',
          name: 'Render Kubernetes manifests',
          action: 'evolution-todo:render:manifests',
          input: { parameters: '${{ parameters }}' },
        },
        {
          id: 'docker',
          name: 'Render Dockerfiles',
          action: 'evolution-todo:render:docker',
          input: { parameters: '${{ parameters }}' },
        },
        {
          id: 'validate',
          name: 'Validate schemas and policy',
          action: 'evolution-todo:validate',
        },
      ],
    }),
  },
  {
    description:
      'Validate only what was rendered into a sub-folder of the workspace',
    example: yaml.stringify({
      steps: [
        {
          id: 'manifests',
          name: 'Render Kubernetes manifests',
          action: 'evolution-todo:render:manifests',
          input: {
            targetPath: 'deploy',
            parameters: { name: 'todo', namespace: 'todo-staging' },
          },
        },
        {
          id: 'validate',
          name: 'Validate schemas and policy',
          action: 'evolution-todo:validate',
          input: { targetPath: 'deploy' },
        },
      ],
    }),
  },
];
