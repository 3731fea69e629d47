import { z } from 'zod';
import { BYTES_PATTERN, CPU_PATTERN } from './quantities';

/**
 * Field types shared by the parameter schema. Every string a user types ends up
 * in YAML, Go templates or shell scripts, so strings are single-line and may
 * not contain template delimiters.
 */
const TEMPLATE_DELIMITERS = /\{\{|\}\}|\$\{\{|\{%|%\}/;

function isControlCharacter(char: string): boolean {
  const code = char.charCodeAt(0);
  return (code < 0x20 && char !== '\t') || code === 0x7f;
}

export function safeText(maxLength: number) {
  return z
    .string()
    .max(maxLength, { message: `must be at most ${maxLength} characters` })
    .refine(value => !/[\r\n\u2028\u2029]/.test(value), {
      message: 'must be a single line',
    })
    .refine(value => !TEMPLATE_DELIMITERS.test(value), {
      message: 'must not contain template delimiters ({{, }}, ${{, {%, %})',
    })
    .refine(value => ![...value].some(isControlCharacter), {
      message: 'must not contain control characters',
    });
}

const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** RFC 1123 label, as Kubernetes requires for names and namespaces. */
export function dnsLabel(maxLength: number) {
  return z
    .string()
    .min(1, { message: 'must not be empty' })
    .max(maxLength, { message: `must be at most ${maxLength} characters` })
    .regex(DNS_LABEL, {
      message:
        'must be a DNS-1123 label: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit',
    });
}

/** A DNS name for the ingress host (wildcards are not offered: one stack, one host). */
export const hostname = z
  .string()
  .max(253, { message: 'must be at most 253 characters' })
  .regex(
    /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    {
      message:
        'must be a lowercase DNS name (labels of letters, digits and "-", separated by dots)',
    },
  );

export const cpu = z.string().regex(CPU_PATTERN, {
  message: 'must be a CPU quantity such as "250m" or "1"',
});

export const memory = z.string().regex(BYTES_PATTERN, {
  message: 'must be a memory quantity such as "128Mi" or "1Gi"',
});

export function integer(min: number, max: number) {
  return z
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` });
}

/** Container image registry and path, e.g. "ghcr.io/acme" or "registry.local:5000/team". */
export const imageRegistry = z
  .string()
  .max(200, { message: 'must be at most 200 characters' })
  .regex(
    /^[a-z0-9]+([.-][a-z0-9]+)*(:\d{1,5})?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/,
    {
      message:
        'must be a registry host with an optional port and path, lowercase, e.g. "ghcr.io/acme"',
    },
  );

/** An image tag; "latest" is refused because it makes rollouts and rollbacks unrepeatable. */
export const imageTag = z
  .string()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, {
    message:
      'must be a Docker tag: letters, digits, "_", "." and "-", at most 128 characters',
  })
  .refine(value => value !== 'latest', {
    message: 'must be a pinned version, not "latest"',
  });

/** A Backstage entity reference such as "group:default/team-a" or "user:jane". */
export const entityRef = z
  .string()
  .max(253, { message: 'must be at most 253 characters' })
  .regex(/^([a-z]+:)?([a-z0-9][a-z0-9._-]*\/)?[A-Za-z0-9][A-Za-z0-9._-]*$/, {
    message: 'must be an entity reference such as "group:default/team-a"',
  });

export const duration = z.string().regex(/^\d+(s|m|h)$/, {
  message: 'must be a duration such as "30s", "1m" or "1h"',
});
