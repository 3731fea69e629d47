import {
  Composer,
  CST,
  Document,
  isMap,
  isScalar,
  Parser,
  Scalar,
  visit,
} from 'yaml';
import { deploymentParametersJsonSchema } from '../parameters/jsonSchema';
import {
  compareFormWithSchema,
  GENERATED_KEYS,
  type FormComparison,
  type FormEdit,
} from './formEdits';

/*
 * The template is edited through the yaml package's concrete syntax tree: only
 * the edited keys change, byte for byte everything else (comments, blank lines,
 * quoting, folded prose, `${{ }}` expressions) stays as it was written.
 */

type BlockMapItem = CST.BlockMap['items'][number];

/** Keys a generated key is placed after when the form node lacks it, nearest first. */
const PLACE_AFTER = ['title', ...GENERATED_KEYS];

const keyOf = (item: CST.CollectionItem) =>
  item.key && CST.isScalar(item.key) ? CST.resolveAsScalar(item.key).value : '';

const indentToken = (indent: number): CST.SourceToken => ({
  type: 'space',
  offset: 0,
  indent: 0,
  source: ' '.repeat(indent),
});

/**
 * `key: value` as a block-map item at the given indentation: arrays in flow
 * style (`[a, b]`, as the form writes enums), maps in block style, patterns
 * single-quoted (a regex's backslashes stay as they are).
 */
function itemFor(key: string, value: unknown, indent: number): BlockMapItem {
  const snippet = new Document({ [key]: value });
  visit(snippet, {
    Seq: (_, node) => {
      node.flow = true;
    },
    Scalar: (k, node) => {
      if (k === 'value' && key === 'pattern') node.type = Scalar.QUOTE_SINGLE;
    },
  });
  const lines = snippet
    .toString({
      lineWidth: 0,
      flowCollectionPadding: false,
      singleQuote: true,
    })
    .replace(/\n$/, '')
    .split('\n')
    .map(line => `${' '.repeat(indent)}${line}`);
  // Nested under a parent, so the item is parsed at its real indentation.
  const [document] = new Parser().parse(`x:\n${lines.join('\n')}\n`);
  const parent = (document as CST.Document).value as CST.BlockMap;
  const item = (parent.items[0].value as CST.BlockMap).items[0];
  return { ...item, start: [indentToken(indent)] };
}

const FLOW_SCALARS = ['scalar', 'single-quoted-scalar', 'double-quoted-scalar'];

/** A scalar's source as one line of YAML: quoted where a plain value would read as another type. */
function scalarSource(key: string, value: unknown): CST.FlowScalar {
  const node = new Document(value);
  if (key === 'pattern' && isScalar(node.contents)) {
    node.contents.type = Scalar.QUOTE_SINGLE;
  }
  const source = node.toString({ lineWidth: 0, singleQuote: true }).trimEnd();
  const [document] = new Parser().parse(`[${source}]`);
  const flow = (document as CST.Document).value as CST.FlowCollection;
  return flow.items[0].value as CST.FlowScalar;
}

function applyEdit(doc: Document.Parsed, edit: FormEdit) {
  const node = doc.getIn(edit.path, true);
  const token = isMap(node) ? node.srcToken : undefined;
  if (
    !token ||
    (token.type !== 'block-map' && token.type !== 'flow-collection')
  ) {
    throw new Error(`${edit.path.join('.')} is not a map in the template`);
  }
  const items = token.items;
  const index = items.findIndex(item => keyOf(item) === edit.key);
  const old = index >= 0 ? items[index].value : undefined;
  const isScalarValue =
    edit.expected === null || typeof edit.expected !== 'object';
  if (
    old &&
    FLOW_SCALARS.includes(old.type) &&
    isScalarValue &&
    edit.expected !== undefined
  ) {
    // In place: the comments and line breaks around the value stay.
    const scalar = scalarSource(edit.key, edit.expected);
    Object.assign(old, { type: scalar.type, source: scalar.source });
    return;
  }
  if (token.type !== 'block-map') {
    throw new Error(
      `${edit.path.join('.')} is a flow map; write it as a block map to let ${
        edit.key
      } be generated`,
    );
  }
  // The first item's indentation belongs to its parent's tokens, the others' to their own.
  const indent = token.indent;
  if (edit.expected === undefined) {
    if (index < 0) return;
    const [removed] = items.splice(index, 1);
    const next = items[index];
    if (next) {
      // Comment lines above the removed key stay, above the next one.
      const lastNewline = removed.start.map(t => t.type).lastIndexOf('newline');
      const comments = removed.start.slice(0, lastNewline + 1);
      const own =
        index === 0 && next.start[0]?.type === 'space'
          ? next.start.slice(1)
          : next.start;
      next.start = [...comments, ...own];
    }
    return;
  }
  const item = itemFor(edit.key, edit.expected, indent);
  if (index >= 0) {
    items[index] = { ...item, start: items[index].start };
    return;
  }
  const wanted = PLACE_AFTER.indexOf(edit.key);
  let at = 0;
  items.forEach((existing, i) => {
    const rank = PLACE_AFTER.indexOf(keyOf(existing));
    if (rank >= 0 && rank < wanted) at = i + 1;
  });
  if (at === 0) {
    items[0] = { ...items[0], start: [indentToken(indent), ...items[0].start] };
    items.splice(0, 0, { ...item, start: [] });
  } else {
    items.splice(at, 0, item);
  }
}

export interface TemplateFormSync extends FormComparison {
  /** The template with every edit applied (the input, unchanged, when there are none). */
  text: string;
}

/**
 * Brings the form of a template (template.yaml's text) in line with the
 * parameter schema: types, patterns, limits, enums and defaults come from the
 * zod schema; everything else stays as written.
 */
export function syncTemplateForm(text: string): TemplateFormSync {
  const tokens = Array.from(new Parser().parse(text));
  const [doc] = Array.from(
    new Composer({ keepSourceTokens: true }).compose(tokens),
  );
  if (!doc || doc.errors.length > 0) {
    throw new Error(
      `template is not valid YAML: ${doc?.errors[0]?.message ?? 'empty'}`,
    );
  }
  const template = doc.toJS() as { spec?: { parameters?: unknown } };
  const comparison = compareFormWithSchema(
    template.spec?.parameters,
    deploymentParametersJsonSchema(),
  );
  if (comparison.edits.length === 0) return { ...comparison, text };
  for (const edit of comparison.edits) applyEdit(doc, edit);
  return {
    ...comparison,
    text: tokens.map(token => CST.stringify(token)).join(''),
  };
}
