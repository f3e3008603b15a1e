import { sourceTableMarkdown } from "../../credentials/source-table";
import { ALIBABA_CREDENTIAL_SOURCES } from "./alibaba-credential-sources";

/** The lines that enclose the generated table in docs/credentials-alibaba.md. */
export const SOURCES_TABLE_BEGIN = "<!-- generated from ALIBABA_CREDENTIAL_SOURCES: begin -->";
export const SOURCES_TABLE_END = "<!-- generated from ALIBABA_CREDENTIAL_SOURCES: end -->";

/**
 * The docs' table of Alibaba credential sources, in the order the chain tries them, with where
 * the alicloud provider and the official `@alicloud/credentials` chain read each one.
 */
export function alibabaSourcesTable(): string {
  const table = sourceTableMarkdown(ALIBABA_CREDENTIAL_SOURCES, [
    { header: "alicloud provider (`alicloud/provider.go`)", cell: (s) => s.providerReads },
    { header: "official `@alicloud/credentials` 2.4.7 chain", cell: (s) => s.officialChain },
  ]);
  return [SOURCES_TABLE_BEGIN, table, SOURCES_TABLE_END].join("\n");
}
