import { spawnSync } from 'node:child_process';

/**
 * Reads Python sources with Python's own parser (no third-party packages needed):
 * decorated functions, calls with their literal arguments, module-level names and
 * third-party imports. The starter services' tests need their pinned packages,
 * which this machine cannot install; their structure can still be checked.
 */
const DESCRIBE = String.raw`
import ast, json, sys

def literal(node):
    try:
        return ast.literal_eval(node)
    except Exception:
        return None

result = {}
for path in sys.argv[1:]:
    tree = ast.parse(open(path, encoding="utf-8").read(), path)
    decorators, calls, names, imports = [], [], [], set()
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names += [t.id for t in targets if isinstance(t, ast.Name)]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for d in node.decorator_list:
                if isinstance(d, ast.Call):
                    decorators.append({"call": ast.unparse(d.func), "args": [literal(a) for a in d.args],
                                       "kwargs": {k.arg: literal(k.value) for k in d.keywords}, "function": node.name})
        elif isinstance(node, ast.Call):
            calls.append({"call": ast.unparse(node.func), "args": [literal(a) for a in node.args]})
        elif isinstance(node, ast.Import):
            imports.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            imports.add(node.module.split(".")[0])
    third_party = sorted(m for m in imports if m not in sys.stdlib_module_names and m not in ("__future__",))
    result[path] = {"decorators": decorators, "calls": calls, "names": names, "imports": third_party}
# Literals JSON has no form for (bytes, sets, complex) come out as their repr.
print(json.dumps(result, default=repr))
`;

export interface PythonModule {
  decorators: Array<{
    call: string;
    args: unknown[];
    kwargs: Record<string, unknown>;
    function: string;
  }>;
  calls: Array<{ call: string; args: unknown[] }>;
  /** Names bound at module level. */
  names: string[];
  /** Top-level packages imported that are neither the standard library nor relative. */
  imports: string[];
}

function python(args: string[], cwd: string) {
  const result = spawnSync('python3', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
  if (result.error) {
    throw new Error(
      `python3 is needed to check the starter services: ${result.error.message}`,
    );
  }
  return result;
}

/** Compiles every file to bytecode in memory (what py_compile does, without writing .pyc files); returns python3's complaint or ''. */
export function compilePython(cwd: string, files: string[]): string {
  const result = python(
    [
      '-c',
      'import sys\nfor p in sys.argv[1:]:\n    compile(open(p, encoding="utf-8").read(), p, "exec")',
      ...files,
    ],
    cwd,
  );
  return result.status === 0 ? '' : result.stderr;
}

export function describePython(
  cwd: string,
  files: string[],
): Record<string, PythonModule> {
  const result = python(['-c', DESCRIBE, ...files], cwd);
  if (result.status !== 0) {
    throw new Error(result.stderr);
  }
  return JSON.parse(result.stdout);
}
