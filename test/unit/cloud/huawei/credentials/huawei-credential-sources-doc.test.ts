import { readFileSync } from "node:fs";
import * as path from "node:path";
import { sourceTableMarkdown } from "../../../../../lib/cloud/credentials/source-table";
import { HUAWEI_CREDENTIAL_SOURCES } from "../../../../../lib/cloud/huawei/credentials/huawei-credential-chain";

test("docs/credentials-huawei.md's source table is the one generated from HUAWEI_CREDENTIAL_SOURCES", () => {
  const doc = readFileSync(path.join(__dirname, "../../../../../docs/credentials-huawei.md"), "utf8");
  const table = /<!-- huawei-sources:start -->\n([\s\S]*?)\n<!-- huawei-sources:end -->/.exec(doc)?.[1];
  expect(table).toBe(sourceTableMarkdown(HUAWEI_CREDENTIAL_SOURCES));
});
