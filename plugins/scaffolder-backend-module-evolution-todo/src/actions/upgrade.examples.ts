import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Merge the render in the workspace (the render steps wrote it there) into a new upgrade branch of the repository the first step found.',
    example: YAML.stringify({
      steps: [
        {
          id: 'upgrade',
          action: 'evolution-todo:upgrade',
          name: 'Merge the render into an upgrade branch',
          input: {
            repoPath: '${{ steps.prepare.output.repoPath }}',
            baseCommit: '${{ steps.prepare.output.baseCommit }}',
          },
        },
      ],
    }),
  },
];
