import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Register the repository that evolution-todo:publish:local just created.',
    example: YAML.stringify({
      steps: [
        {
          id: 'register',
          action: 'evolution-todo:catalog:register-local',
          name: 'Register in the catalog',
          input: {
            catalogInfoPath: '${{ steps.publish.output.catalogInfoPath }}',
          },
        },
      ],
    }),
  },
];
