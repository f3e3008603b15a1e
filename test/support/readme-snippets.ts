import * as path from "node:path";
import ts from "typescript";

/** One ```ts block of a Markdown file. */
export interface Snippet {
  /** The nearest heading above it, e.g. `## Usage`. */
  readonly heading: string;
  /** 1-based line of the file where the code starts (the line after the fence). */
  readonly line: number;
  readonly code: string;
}

/**
 * Every ```ts / ```typescript block, with where it is: the examples a user copies. A block
 * fenced ```ts contributor shows the library's own internals to contributors and is not one.
 */
export function extractSnippets(markdown: string): Snippet[] {
  const lines = markdown.split("\n");
  const snippets: Snippet[] = [];
  let heading = "(top of the file)";
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(\s*)(```+|~~~+)\s*(\S*)(.*)/.exec(lines[i]);
    if (!fence) {
      if (/^#{1,6} /.test(lines[i])) heading = lines[i].trim();
      continue;
    }
    const end = lines.findIndex((l, j) => j > i && l.trimStart().startsWith(fence[2]));
    const close = end === -1 ? lines.length : end;
    if (["ts", "typescript"].includes(fence[3].toLowerCase()) && !/\bcontributor\b/.test(fence[4])) {
      snippets.push({ heading, line: i + 2, code: lines.slice(i + 1, close).join("\n") });
    }
    i = close;
  }
  return snippets;
}

/**
 * Type-checks each snippet as its own module against the package's sources as the CDK Terrain
 * build compiles them: `cdktn-encryption` resolves to lib/index.ts, with lib/core.ts and
 * lib/constructs/null-hook-resource.ts swapped as scripts/build-cdktn.mjs swaps them (the
 * cdktn core, the core-only null_resource), and `cdktn` to the one in node_modules. `assumed`
 * declares the names snippets use without declaring them (a script of ambient declarations: a
 * snippet may declare the same name itself).
 * Returns one line per error: `<file> "<heading>" snippet at line N, line M: <message>`.
 */
export function typeCheckSnippets(file: string, snippets: readonly Snippet[], assumed: string, root: string): string[] {
  const configFile = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    noUnusedLocals: false,
    noUnusedParameters: false,
    types: ["node"],
    paths: { "cdktn-encryption": [path.join(root, "lib/index.ts")] },
    baseUrl: root,
  };
  // Virtual files beside the sources, so `cdktn` and `constructs` resolve from node_modules.
  const dir = path.join(root, "test", "__readme_snippets__");
  const PREFIX = "export {};\n";
  const virtual = new Map<string, string>();
  const names = snippets.map((snippet, index) => {
    const name = path.join(dir, `snippet-${index + 1}.ts`);
    virtual.set(name, PREFIX + snippet.code);
    return name;
  });
  const assumedFile = path.join(dir, "assumed.d.ts");
  virtual.set(assumedFile, assumed);
  virtual.set(path.join(root, "lib/core.ts"), ts.sys.readFile(path.join(root, "scripts/cdktn-core.ts"))!);
  virtual.set(path.join(root, "lib/constructs/null-hook-resource.ts"), ts.sys.readFile(path.join(root, "lib/constructs/null-hook-resource-core.ts"))!);

  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = virtual.get(path.resolve(fileName));
    return text !== undefined ? ts.createSourceFile(fileName, text, languageVersion, true) : getSourceFile(fileName, languageVersion, onError, shouldCreate);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => virtual.has(path.resolve(fileName)) || fileExists(fileName);
  const readFile = host.readFile.bind(host);
  host.readFile = (fileName) => virtual.get(path.resolve(fileName)) ?? readFile(fileName);

  const program = ts.createProgram([...names, assumedFile], options, host);
  const problems: string[] = [];
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const index = diagnostic.file ? names.indexOf(path.resolve(diagnostic.file.fileName)) : -1;
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    if (index === -1) {
      problems.push(`${file}: ${diagnostic.file ? `${diagnostic.file.fileName}: ` : ""}${message}`);
      continue;
    }
    const snippet = snippets[index];
    const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    // Line 0 of the virtual file is the `export {}` added above the snippet.
    problems.push(`${file} "${snippet.heading}" snippet at line ${snippet.line}, line ${snippet.line + line - 1}: TS${diagnostic.code} ${message}`);
  }
  return problems;
}
