import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, Stats, statSync } from "node:fs";

/** Larger than any credentials or profile file; a bigger one is not a credentials file. */
export const MAX_CREDENTIAL_FILE_BYTES = 1024 * 1024;

/**
 * A credentials, profile or token file that is named (by a variable, or by being at its default
 * path) but cannot be read as one: the source is configured and broken, so the run stops with
 * this problem instead of acting as the next source's identity.
 */
export class CredentialFileProblem extends Error {
  constructor(
    readonly file: string,
    /** What is wrong, in words: `is a directory`, `is a dangling symbolic link`, … */
    readonly problem: string,
  ) {
    super(`${file} ${problem}`);
    this.name = "CredentialFileProblem";
  }
}

/**
 * Whether anything stands at this path. A symbolic link counts even when it dangles or loops:
 * someone put it there to configure the source, so it is read (and refused), never skipped.
 */
export function credentialFileExists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch (error) {
    if (isErrno(error, "ENOENT") || isErrno(error, "ENOTDIR")) return false;
    return true;
  }
}

/**
 * The text of a credentials file, read without ever blocking: a FIFO, socket, device or
 * directory is refused before it is opened (a FIFO would block the run past any deadline), the
 * file is opened non-blocking and checked again, and its size is capped.
 */
export function readCredentialFile(file: string): string {
  const kind = fileKind(file);
  if (kind !== "file") throw new CredentialFileProblem(file, kind);
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new CredentialFileProblem(file, errnoProblem(error));
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new CredentialFileProblem(file, describeKind(stats));
    if (stats.size > MAX_CREDENTIAL_FILE_BYTES) {
      throw new CredentialFileProblem(file, `is ${stats.size} bytes, more than the ${MAX_CREDENTIAL_FILE_BYTES} a credentials file can be`);
    }
    const buffer = Buffer.alloc(stats.size);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read).toString("utf8");
  } catch (error) {
    if (error instanceof CredentialFileProblem) throw error;
    throw new CredentialFileProblem(file, errnoProblem(error));
  } finally {
    closeSync(fd);
  }
}

/** `file` for a readable regular file (through links), else what stands there in words. */
function fileKind(file: string): string {
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch (error) {
    if (isErrno(error, "ENOENT")) {
      try {
        if (lstatSync(file).isSymbolicLink()) return "is a dangling symbolic link (its target does not exist)";
      } catch {
        // Neither the link nor the file exists.
      }
      return "does not exist";
    }
    if (isErrno(error, "ELOOP")) return "is a symbolic link that loops";
    return errnoProblem(error);
  }
  return stats.isFile() ? "file" : describeKind(stats);
}

function describeKind(stats: Stats): string {
  if (stats.isDirectory()) return "is a directory, not a file";
  if (stats.isFIFO()) return "is a named pipe (FIFO), not a file: reading it could wait forever";
  if (stats.isSocket()) return "is a socket, not a file";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "is a device, not a file";
  return "is not a regular file";
}

function errnoProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "EACCES" || code === "EPERM") return `cannot be read: permission denied (${code})`;
  if (code === "EISDIR") return "is a directory, not a file";
  if (code === "ELOOP") return "is a symbolic link that loops";
  if (code === "ENOENT") return "does not exist";
  return `cannot be read (${code ?? String(error)})`;
}

function isErrno(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException)?.code === code;
}
