import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Start the template branch of the repository publish:github just created, at the commit it pushed.',
    example: YAML.stringify({
      steps: [
        {
          id: 'template-branch-github',
          action: 'evolution-todo:publish:github-template-branch',
          name: 'Start the template branch on GitHub',
          input: {
            repoUrl: 'github.com?owner=acme&repo=todo',
            commitHash: "${{ steps['publish-github'].output.commitHash }}",
          },
        },
      ],
    }),
  },
];
