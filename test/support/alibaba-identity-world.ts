import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { ALIBABA_IDENTITIES } from "../../lib/emulator/alibaba-identities";
import { EMULATOR_CREDENTIALS } from "../../lib/emulator/fixture";
import { HOOK_BUNDLE } from "../chaos/campaign";
import { ACK_SPEC } from "./spec-fixtures";
import { ProcessResult, run } from "./terraform-harness";
import { RunningEmulator } from "./emulator-harness";

export { ALIBABA_IDENTITIES };
export const ALI = EMULATOR_CREDENTIALS.alibaba;

/** The ledger cluster already holds its key: one DescribeClusterDetail, made with the resolved credentials. */
export const IN_SYNC_SPEC = JSON.stringify({ ...ACK_SPEC, cluster_id: "c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a", kms_key_id: "key-hzz6ledger00secrets001" });

/** A fresh HOME, so no profile of the machine is read; files written into it on request. */
export function freshHome(files: Record<string, string> = {}): string {
  const home = mkdtempSync(path.join(tmpdir(), "cdktf-encryption-home-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(home, name)), { recursive: true });
    writeFileSync(path.join(home, name), text);
  }
  return home;
}

/**
 * The environment of a hook run against the emulator with no credentials yet: endpoints
 * (STS included) and instance metadata on the emulator, a fresh HOME.
 */
export function bareEnv(cloud: RunningEmulator, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: freshHome(),
    CDKTF_ENCRYPTION_ENDPOINT: cloud.url,
    CDKTF_ENCRYPTION_ALIBABA_METADATA_URL: cloud.url,
    ALIBABA_CLOUD_REGION: ALI.region,
    ...extra,
  };
}

/** The bundled hook as Terraform's provisioner runs it. */
export function runHookProcess(env: Record<string, string>, spec: string = IN_SYNC_SPEC): Promise<ProcessResult> {
  return run(process.execPath, [HOOK_BUNDLE, "apply"], { cwd: tmpdir(), env: { CDKTF_ENCRYPTION_SPEC: spec, ...env } });
}

/** An aliyun CLI config.json with these profiles, `current` the first. */
export function cliConfig(profiles: Record<string, unknown>[], current = String(profiles[0]?.name)): string {
  return JSON.stringify({ current, profiles });
}

export function tokenFile(token: string = ALIBABA_IDENTITIES.oidcToken): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cdktf-encryption-oidc-")), "token");
  writeFileSync(file, token);
  return file;
}
