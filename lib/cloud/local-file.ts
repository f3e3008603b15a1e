import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, Stats, statSync } from "node:fs";

/**
 * A local file the user named (a credentials, profile or token file; a synthesized stack; a
 * plan) that cannot be read as one. For a credential source this means the source is configured
 * and broken, so the run stops with this problem instead of acting as the next source's identity.
 */
export class LocalFileProblem extends Error {
  constructor(
    readonly file: string,
    /** What is wrong, in words: `is a directory`, `is a dangling symbolic link`, … */
    readonly problem: string,
  ) {
    super(`${file} ${problem}`);
    this.name = "LocalFileProblem";
  }
}

/**
 * Whether anything stands at this path. A symbolic link counts even when it dangles or loops:
 * someone put it there to configure the source, so it is read (and refused), never skipped.
 */
export function localFileExists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch (error) {
    if (isErrno(error, "ENOENT") || isErrno(error, "ENOTDIR")) return false;
    return true;
  }
}

/**
 * The bytes of a local file, read without ever blocking: a FIFO, socket, device or directory is
 * refused before it is opened (a FIFO would block the run past any deadline), the file is opened
 * non-blocking and checked again, and its size is capped at `maxBytes`.
 */
export function readLocalFile(file: string, maxBytes: number): Buffer {
  const kind = fileKind(file);
  if (kind !== "file") throw new LocalFileProblem(file, kind);
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new LocalFileProblem(file, errnoProblem(error));
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new LocalFileProblem(file, describeKind(stats));
    if (stats.size > maxBytes) throw new LocalFileProblem(file, `is ${stats.size} bytes, more than the ${maxBytes} it can be`);
    const buffer = Buffer.alloc(stats.size);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } catch (error) {
    if (error instanceof LocalFileProblem) throw error;
    throw new LocalFileProblem(file, errnoProblem(error));
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
