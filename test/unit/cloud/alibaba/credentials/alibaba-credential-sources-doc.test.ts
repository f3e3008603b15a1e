import { readFileSync } from "node:fs";
import * as path from "node:path";
import { SOURCES_TABLE_BEGIN, SOURCES_TABLE_END, alibabaSourcesTable } from "../../../../../lib/cloud/alibaba/credentials/alibaba-sources-table";

test("docs/credentials-alibaba.md's sources table is the one generated from ALIBABA_CREDENTIAL_SOURCES (paste alibabaSourcesTable() when the list changes)", () => {
  const doc = readFileSync(path.join(__dirname, "../../../../..", "docs", "credentials-alibaba.md"), "utf8");
  const begin = doc.indexOf(SOURCES_TABLE_BEGIN);
  const end = doc.indexOf(SOURCES_TABLE_END);
  expect(begin).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(begin);
  expect(doc.slice(begin, end + SOURCES_TABLE_END.length)).toBe(alibabaSourcesTable());
});
