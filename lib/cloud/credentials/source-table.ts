import { CredentialSource } from "./credential-source";

/** A column a cloud adds to its sources table, e.g. where its Terraform provider reads each source. */
export interface SourceTableColumn<S> {
  readonly header: string;
  readonly cell: (source: S) => string;
}

/**
 * A cloud's credential sources as the docs show them: a markdown table in the chain's order,
 * made from the list itself so the docs cannot tell another order than the code uses.
 */
export function sourceTableMarkdown<S extends CredentialSource<unknown, never>>(sources: readonly S[], extra: readonly SourceTableColumn<S>[] = []): string {
  const code = (v: string) => (v.startsWith("~") || /^[A-Z0-9_]+$/.test(v) ? `\`${v}\`` : v);
  const header = ["#", "source", "variables (and files), in the order read", ...extra.map((c) => c.header)];
  const rows = sources.map((source, i) => [String(i + 1), source.name, source.variables.map(code).join(", ") || "—", ...extra.map((c) => c.cell(source))]);
  return [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}
