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

/** One label matcher of a vector selector: `job=~"todo-(backend|mcp)"`. */
export interface LabelMatcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/** A vector selector: the metric it names and its label matchers. */
export interface Selector {
  metric: string;
  matchers: LabelMatcher[];
}

/** A PromQL string literal's value: "double", 'single' or `raw`. */
function unquote(literal: string): string {
  const body = literal.slice(1, -1);
  if (literal.startsWith('`')) return body;
  if (literal.startsWith("'"))
    return JSON.parse(`"${body.replace(/"/g, '\\"')}"`);
  return JSON.parse(literal);
}

/** Every vector selector of an expression, with its matchers, from Prometheus' grammar. */
export function selectorsOf(expr: string): Selector[] {
  const selectors: Selector[] = [];
  const cursor = parser.parse(expr).cursor();
  do {
    if (cursor.name !== 'VectorSelector') continue;
    const node = cursor.node;
    const name = node.getChild('Identifier');
    if (!name) continue;
    const matchers: LabelMatcher[] = [];
    const list = node.getChild('LabelMatchers');
    for (let m = list?.firstChild; m; m = m.nextSibling) {
      if (m.name !== 'UnquotedLabelMatcher' && m.name !== 'QuotedLabelMatcher')
        continue;
      const labelNode =
        m.getChild('LabelName') ?? m.getChild('QuotedLabelName');
      const op = m.getChild('MatchOp');
      const values = m.getChildren('StringLiteral');
      if (!labelNode || !op || values.length === 0) continue;
      const rawLabel = expr.slice(labelNode.from, labelNode.to);
      matchers.push({
        label:
          labelNode.name === 'QuotedLabelName' ? unquote(rawLabel) : rawLabel,
        op: expr.slice(op.from, op.to) as LabelMatcher['op'],
        value: unquote(
          expr.slice(
            values[values.length - 1].from,
            values[values.length - 1].to,
          ),
        ),
      });
    }
    selectors.push({ metric: expr.slice(name.from, name.to), matchers });
  } while (cursor.next());
  return selectors;
}

/** Whether a label value satisfies a matcher; regexes are anchored, as in PromQL. */
export function matches(matcher: LabelMatcher, value: string): boolean {
  const regex = () => new RegExp(`^(?:${matcher.value})$`).test(value);
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return regex();
    default:
      return !regex();
  }
}

/** A Grafana dashboard variable as the templating list defines it. */
interface DashboardVariable {
  name: string;
  type: string;
  query?: string;
}

/** The values a variable takes: a constant's one, each option of a custom one. */
function variableValues(variable: DashboardVariable): string[] | undefined {
  if (variable.type === 'constant') return [variable.query ?? ''];
  if (variable.type === 'custom') {
    return (variable.query ?? '').split(',').map(v => v.trim());
  }
  return undefined;
}

/**
 * A dashboard query as Prometheus receives it, once per value of each of the
 * dashboard's custom variables: constants become their value, custom
 * variables each of their comma-separated options, interval macros "5m".
 */
export function expandDashboardQuery(
  expr: string,
  variables: readonly DashboardVariable[],
): string[] {
  const withIntervals = expr.replace(
    /\$__(rate_interval|interval|range)/g,
    '5m',
  );
  let expansions = [withIntervals];
  for (const variable of variables) {
    const values = variableValues(variable);
    if (!values) continue;
    const source = `\\$\\{${variable.name}\\}|\\$${variable.name}\\b`;
    const pattern = new RegExp(source, 'g');
    expansions = expansions.flatMap(query =>
      new RegExp(source).test(query)
        ? values.map(value => query.replace(pattern, value))
        : [query],
    );
  }
  return expansions;
}
