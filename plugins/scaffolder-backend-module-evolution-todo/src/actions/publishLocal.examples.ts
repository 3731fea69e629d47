import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import YAML from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Publish the workspace as a local git repository named after the service.',
    example: YAML.stringify({
      steps: [
        {
          id: 'publish',
          action: 'evolution-todo:publish:local',
          name: 'Publish to the local destination',
          input: { repoName: 'todo' },
        },
      ],
    }),
  },
  {
    description:
      'Publish a sub-folder of the workspace with a custom branch and message.',
    example: YAML.stringify({
      steps: [
        {
          id: 'publish',
          action: 'evolution-todo:publish:local',
          name: 'Publish to the local destination',
          input: {
            repoName: 'todo-platform',
            sourcePath: 'repo',
            defaultBranch: 'trunk',
            gitCommitMessage: 'Scaffold todo-platform',
          },
        },
      ],
    }),
  },
];
