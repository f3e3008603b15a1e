import { ALIBABA_CREDENTIAL_SOURCES } from "./alibaba-credential-sources";

/** The lines that enclose the generated table in docs/credentials-alibaba.md. */
export const SOURCES_TABLE_BEGIN = "<!-- generated from ALIBABA_CREDENTIAL_SOURCES: begin -->";
export const SOURCES_TABLE_END = "<!-- generated from ALIBABA_CREDENTIAL_SOURCES: end -->";

/**
 * The docs' table of Alibaba credential sources, in the order the chain tries them, with where
 * the alicloud provider and the official `@alicloud/credentials` chain read each one.
 */
export function alibabaSourcesTable(): string {
  const code = (v: string) => (v.startsWith("~") || /^[A-Z0-9_]+$/.test(v) ? `\`${v}\`` : v);
  const rows = ALIBABA_CREDENTIAL_SOURCES.map((s, i) => `| ${i + 1} | ${s.name} | ${s.variables.map(code).join(", ")} | ${s.providerReads} | ${s.officialChain} |`);
  return [
    SOURCES_TABLE_BEGIN,
    "| # | source | variables / place, in the order read | alicloud provider (`alicloud/provider.go`) | official `@alicloud/credentials` 2.4.7 chain |",
    "|---|---|---|---|---|",
    ...rows,
    SOURCES_TABLE_END,
  ].join("\n");
}
