import { LocalFileProblem, localFileExists, readLocalFile } from "../local-file";

/** Larger than any credentials or profile file; a bigger one is not a credentials file. */
export const MAX_CREDENTIAL_FILE_BYTES = 1024 * 1024;

/** A named credentials, profile or token file that cannot be read: its source is configured and broken. */
export { LocalFileProblem as CredentialFileProblem };

/** Whether anything stands at this path; a dangling or looping link counts (it is read, and refused). */
export const credentialFileExists = localFileExists;

/** The text of a credentials file, read without ever blocking ({@link readLocalFile}). */
export function readCredentialFile(file: string): string {
  return readLocalFile(file, MAX_CREDENTIAL_FILE_BYTES).toString("utf8");
}
