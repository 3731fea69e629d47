import type { TemplateExample } from '@backstage/plugin-scaffolder-node';
import * as yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Deploy the rendered k8s/ manifests to the cluster "local" from app-config, creating the namespace (Pod Security restricted) and waiting for the rollouts',
    example: yaml.stringify({
      steps: [
        {
          id: 'deploy',
          name: 'Deploy to Kubernetes',
          action: 'evolution-todo:deploy',
          input: {
            cluster: 'local',
            namespace: 'todo-demo',
            createNamespace: true,
            waitForRollout: true,
            rolloutTimeoutSeconds: 600,
          },
        },
      ],
    }),
  },
  {
    description:
      "Check the manifests against a cluster that is not in app-config, with the API server's dry run and the user's own token from the form's secret field \"kubernetesToken\"",
    example: yaml.stringify({
      steps: [
        {
          id: 'deploy-check',
          name: 'Dry-run against the cluster',
          action: 'evolution-todo:deploy',
          input: {
            apiUrl: 'https://k8s.example.com:6443',
            namespace: 'todo-demo',
            manifestsPath: 'k8s',
            dryRun: true,
          },
        },
      ],
    }),
  },
  {
    description:
      'Re-deploy over objects another tool manages: take over their fields (force) and apply everything even if some objects fail',
    example: yaml.stringify({
      steps: [
        {
          id: 'deploy-takeover',
          name: 'Take over and apply',
          action: 'evolution-todo:deploy',
          input: {
            cluster: 'local',
            namespace: 'todo-demo',
            force: true,
            continueOnError: true,
          },
        },
      ],
    }),
  },
];
