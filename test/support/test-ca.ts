import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";

/** A private CA made with the openssl CLI, and a server certificate it signed for the given DNS names. */
export interface TestCa {
  /** The CA certificate file, for NODE_EXTRA_CA_CERTS. */
  readonly caFile: string;
  readonly key: Buffer;
  readonly cert: Buffer;
}

export function createTestCa(dir: string, dnsNames: readonly string[], caName = "cdktf-encryption test CA"): TestCa {
  const ssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  ssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", `/CN=${caName}`);
  ssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", `/CN=${dnsNames[0]}`);
  writeFileSync(path.join(dir, "ext.cnf"), `subjectAltName=${dnsNames.map((n) => `DNS:${n}`).join(",")}\n`);
  ssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf");
  return { caFile: path.join(dir, "ca.pem"), key: readFileSync(path.join(dir, "server.key")), cert: readFileSync(path.join(dir, "server.pem")) };
}
