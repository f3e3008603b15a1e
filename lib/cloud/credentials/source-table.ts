import { CredentialSource } from "./credential-source";

/**
 * A cloud's credential sources as the docs show them: a markdown table in the chain's order,
 * made from the list itself so the docs cannot tell another order than the code uses.
 */
export function sourceTableMarkdown(sources: readonly CredentialSource<unknown, never>[]): string {
  const rows = sources.map((source, i) => `| ${i + 1} | ${source.name} | ${source.variables.map((v) => `\`${v}\``).join(", ") || "—"} |`);
  return ["| # | source | variables (in the order they are read) |", "|---|---|---|", ...rows].join("\n");
}
