import { DOCTOR_USAGE, runDoctorCommand } from "./doctor-command";
import { DRIFT_USAGE, runDriftCommand } from "./drift-command";
import { runEmulatorCommand } from "./emulator-command";
import { runHook } from "./hook";
import { REVIEW_USAGE, runReviewCommand } from "./review-command";

const USAGE = `usage: cdktf-encryption <command>

commands:
  hook apply|destroy       run the reconciler for the Spec in CDKTF_ENCRYPTION_SPEC (what the provisioners run)
  emulator [--port N] [--state-file F] [--fixture F]
                           serve the local cloud emulator on 127.0.0.1 and print the variables to export
  ${REVIEW_USAGE}
  ${DRIFT_USAGE}
  ${DOCTOR_USAGE}
`;

/** The `cdktf-encryption` command; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "hook":
      return runHook(rest);
    case "emulator":
      return runEmulatorCommand(rest);
    case "review":
      return runReviewCommand(rest);
    case "drift":
      return runDriftCommand(rest);
    case "doctor":
      return runDoctorCommand(rest);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`error: unknown command ${JSON.stringify(command)}\n${USAGE}`);
      return 2;
  }
}
