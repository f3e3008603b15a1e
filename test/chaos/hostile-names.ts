import { Emulator } from "../../lib/emulator/emulator-server";
import { HOSTILE_NAME } from "../support/hostile-text";
import type { Fault } from "./scenarios";

/** The resources and keys of the scenarios, by the emulated service that holds them. */
const NAMED: Readonly<Record<string, { readonly ids: readonly string[]; readonly fields: readonly string[] }>> = {
  dws: { ids: ["97cbaab3-939e-4dbc-9187-0fe240f2b9fd", "9f76c502-fc9c-4a52-8656-65d0da6e3d57"], fields: ["name"] },
  // DWS copies a key's alias into the cluster's master_key_name: the hook prints it.
  kms: { ids: ["0f3196c8-5c23-469f-84da-92ecd2499dce", "b82fa43f-f6e8-4ec4-9c31-231bc547c526", "5d3a3a51-7b9e-4d2c-9d8e-0c6a1f2b3c4d"], fields: ["key_alias"] },
  taurusdb: { ids: ["7033e7c3cf93438797d44ad7ae0a7d95in07", "3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8cin07"], fields: ["name"] },
  ack: { ids: ["c5b1e0a9d3f24c6b8a7e9d1c2b3a4f5e6", "c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a"], fields: ["name"] },
  alikms: { ids: ["key-hzz6payments0secrets01", "key-hzz6payments0secrets02", "key-hzz6ledger00secrets001"], fields: ["alias"] },
};

/**
 * Issue 22's "hostile names" family: every cluster and instance name and key alias the scenarios
 * read holds a mention, a link, HTML, newlines, a carriage return, terminal escapes and a forged
 * `Apply complete!` line. Names change nothing a deploy does: the run must converge or fail as
 * it would, and its output (checked by outputProblems) must show the names on the hook's lines.
 * The emulator is reset before each run, so the names need no lifting.
 */
export function hostileNames(): Fault {
  return {
    family: "hostile-names",
    label: "hostile names and key aliases",
    apply: (emulator: Emulator) => {
      for (const [service, { ids, fields }] of Object.entries(NAMED)) {
        for (const id of ids) emulator.service(service).patch(id, Object.fromEntries(fields.map((f) => [f, HOSTILE_NAME])));
      }
    },
  };
}
