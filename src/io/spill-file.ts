/** A query's spill folder: one temporary folder of append-only files, read back whole into shared memory, removed at the end. */
import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VolleyError } from '../errors.js';

/**
 * Spilling to disk failed: the folder could not be made, a file could not be written (a full
 * disk) or read back. Code `IO_ERROR`; `dir` is the folder spilled into, the system error is the
 * `cause`.
 *
 * @example
 * try { await lf.collect({ spillBudget: 2 ** 28 }); }
 * catch (e) { if (e instanceof SpillError) console.log(e.dir, e.cause); }
 */
export class SpillError extends VolleyError {
  constructor(
    readonly dir: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('IO_ERROR', message, options);
    this.name = 'SpillError';
  }
}

/**
 * `files` numbered files in one folder made with `mkdtemp` inside `parent` (default the OS
 * temporary folder) when the first bytes are written, so a query that never spills touches no
 * disk. Writes are synchronous appends, so each file holds its records in the order they were
 * appended. `remove()` closes every file and deletes the folder; it is safe to call at any time,
 * and more than once.
 *
 * @example
 * const f = new SpillFiles(null, 64);
 * try { f.append(3, bytes); const back = f.read(3); } finally { f.remove(); }
 */
export class SpillFiles {
  private dir: string | null = null;
  private readonly fds: (number | null)[];
  /** Bytes written to each file. */
  readonly bytes: Float64Array;

  constructor(
    private readonly parent: string | null,
    files: number,
  ) {
    this.fds = new Array<number | null>(files).fill(null);
    this.bytes = new Float64Array(files);
  }

  /** The folder, once made. */
  get path(): string | null {
    return this.dir;
  }

  /** Append `data` to file `file`. */
  append(file: number, data: Uint8Array): void {
    const fd = this.fd(file);
    try {
      let done = 0;
      while (done < data.length) done += writeSync(fd, data, done, data.length - done);
    } catch (e) {
      throw this.error(`cannot write spill file ${join(this.dir!, String(file))}`, e);
    }
    this.bytes[file]! += data.length;
  }

  /** File `file` whole, in one SharedArrayBuffer (null when nothing was written to it). */
  read(file: number): SharedArrayBuffer | null {
    const fd = this.fds[file] ?? null;
    if (fd === null) return null;
    try {
      const size = fstatSync(fd).size;
      const buf = new SharedArrayBuffer(size);
      const view = new Uint8Array(buf);
      let done = 0;
      while (done < size) {
        const got = readSync(fd, view, done, size - done, done);
        if (got === 0) throw new Error(`spill file ended at byte ${done} of ${size}`);
        done += got;
      }
      return buf;
    } catch (e) {
      throw this.error(`cannot read spill file ${join(this.dir!, String(file))}`, e);
    }
  }

  /** Close every file and delete the folder. */
  remove(): void {
    for (let i = 0; i < this.fds.length; i++) {
      const fd = this.fds[i];
      if (fd === null || fd === undefined) continue;
      this.fds[i] = null;
      try {
        closeSync(fd);
      } catch {
        // the folder goes below either way
      }
    }
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }

  private fd(file: number): number {
    const open = this.fds[file];
    if (open !== null && open !== undefined) return open;
    const parent = this.parent ?? tmpdir();
    if (this.dir === null) {
      try {
        this.dir = mkdtempSync(join(parent, 'volley-spill-'));
      } catch (e) {
        throw new SpillError(parent, `cannot make a spill folder in ${parent}: ${(e as Error).message}`, { cause: e });
      }
    }
    try {
      const fd = openSync(join(this.dir, String(file)), 'w+');
      this.fds[file] = fd;
      return fd;
    } catch (e) {
      throw this.error(`cannot open spill file ${join(this.dir, String(file))}`, e);
    }
  }

  private error(what: string, e: unknown): SpillError {
    return new SpillError(this.dir ?? this.parent ?? tmpdir(), `${what}: ${(e as Error).message}`, { cause: e });
  }
}
