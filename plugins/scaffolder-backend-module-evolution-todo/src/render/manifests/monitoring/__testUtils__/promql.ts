import { parser } from '@prometheus-io/lezer-promql';

/** What the Prometheus grammar makes of one expression. */
export interface ParsedPromQL {
  /** Offsets of syntax errors; empty for a valid expression. */
  errors: number[];
  /** Metric names of every vector selector. */
  metrics: string[];
  /** Every label name the expression matches, groups or joins on. */
  labels: string[];
}

/** Parses PromQL with Prometheus' own (lezer) grammar, the one its web UI uses. */
export function parsePromQL(expr: string): ParsedPromQL {
  const errors: number[] = [];
  const metrics: string[] = [];
  const labels: string[] = [];
  parser.parse(expr).iterate({
    enter: node => {
      if (node.type.isError) {
        errors.push(node.from);
      }
      if (node.name === 'LabelName') {
        labels.push(expr.slice(node.from, node.to));
      }
      if (node.name === 'VectorSelector') {
        const name = node.node.getChild('Identifier');
        if (name) {
          metrics.push(expr.slice(name.from, name.to));
        }
      }
    },
  });
  return { errors, metrics, labels };
}

/** True when (), [] and {} nest properly outside string literals. */
export function bracketsBalanced(expr: string): boolean {
  const closing: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
    } else if ('([{'.includes(c)) {
      stack.push(c);
    } else if (c in closing && stack.pop() !== closing[c]) {
      return false;
    }
  }
  return stack.length === 0 && quote === undefined;
}

/**
 * A Grafana query as Prometheus receives it: the interval macros become
 * durations and dashboard variables plain values.
 */
export function expandGrafanaVariables(expr: string): string {
  return expr
    .replace(/\$__(rate_interval|interval|range)/g, '5m')
    .replace(/\$\{?(\w+)\}?/g, 'value');
}
