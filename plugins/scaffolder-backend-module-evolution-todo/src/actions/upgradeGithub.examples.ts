import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Merge the render in the workspace (the render steps wrote it there) into a new upgrade branch of the GitHub repository the first step found, and open a pull request.',
    example: YAML.stringify({
      steps: [
        {
          id: 'upgrade-github',
          action: 'evolution-todo:upgrade:github',
          name: 'Merge the render and open a pull request',
          input: {
            owner: '${{ steps.prepare.output.owner }}',
            repoUrl: '${{ steps.prepare.output.githubRepoUrl }}',
            baseCommit: '${{ steps.prepare.output.baseCommit }}',
          },
        },
      ],
    }),
  },
];
