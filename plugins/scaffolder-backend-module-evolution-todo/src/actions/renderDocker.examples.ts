import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import * as yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Render the Dockerfiles of the frontend, backend and MCP images from the whole form, on the default runtimes (Node.js 24, Python 3.13)',
    example: yaml.stringify({
      steps: [
        {
          id: 'docker',
          name: 'Render the Dockerfiles',
          action: 'evolution-todo:render:docker',
          input: { parameters: '${{ parameters }}' },
        },
      ],
    }),
  },
  {
    description:
      'Render the Dockerfiles on Node.js 22 and Python 3.12 into the repository folder "app"',
    example: yaml.stringify({
      steps: [
        {
          id: 'docker',
          name: 'Render the Dockerfiles',
          action: 'evolution-todo:render:docker',
          input: {
            targetPath: 'app',
            parameters: {
              name: 'shop',
              imageRegistry: 'registry.example.com/shop',
            },
            runtimes: { node: '22', python: '3.12' },
          },
        },
      ],
    }),
  },
];
