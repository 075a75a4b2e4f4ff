/** Reading and atomically replacing the user's files (settings.json, rc files). */
import { constants } from 'node:fs';
import { access, lstat, mkdir, open, readFile, readlink, rename, rm, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ClaudeCodeConfigError } from './env.ts';

const errorCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;
const symlinkLoop = (file: string) => new ClaudeCodeConfigError(`${file} is a loop of symbolic links; point it at a file and try again`);

/** The bytes of a file, or undefined when there is none. A directory in its place is an error. */
export async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    if (errorCode(error) === 'EISDIR') throw new ClaudeCodeConfigError(`${file} is a directory, not a file; move it away and try again`);
    if (errorCode(error) === 'ELOOP') throw symlinkLoop(file);
    throw error;
  }
}

/**
 * Dotfile managers (stow, chezmoi, home-manager) keep rc files as symlinks; replacing the link
 * with a regular file would silently detach the user's repository, so write through it. The
 * links are followed one by one rather than with realpath, which fails on a link whose target
 * does not exist yet (a fresh dotfiles checkout): that target is where the file belongs.
 */
async function resolveTarget(file: string): Promise<string> {
  let target = file;
  // Linux's own limit (MAXSYMLINKS); a longer chain is a loop.
  for (let hops = 0; hops <= 40; hops += 1) {
    try {
      if (!(await lstat(target)).isSymbolicLink()) return target;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return target;
      throw error;
    }
    target = path.resolve(path.dirname(target), await readlink(target));
  }
  throw symlinkLoop(file);
}

/**
 * Replaces `file` with `content` so that a crash leaves either the old or the new bytes: temp
 * file in the same directory, fsync, rename, fsync the directory. Keeps the old file's mode
 * (rc files holding keys are often 0600) and refuses a file the user made read-only, which a
 * rename would otherwise quietly replace. A new file is 0600: everything Gatehouse writes here
 * (settings.json, rc blocks, backups of them) can hold the gateway key or the user's own keys.
 * Windows ignores the mode.
 */
export async function writeFileAtomic(file: string, content: string | Buffer): Promise<void> {
  const target = await resolveTarget(file);
  const directory = path.dirname(target);
  await mkdir(directory, { recursive: true });
  let mode = 0o600;
  try {
    const existing = await stat(target);
    if (existing.isDirectory()) throw new ClaudeCodeConfigError(`${target} is a directory, not a file; move it away and try again`);
    mode = existing.mode & 0o7777;
    await access(target, constants.W_OK);
  } catch (error) {
    if (errorCode(error) === 'EACCES' || errorCode(error) === 'EPERM') {
      throw new ClaudeCodeConfigError(`${target} is read-only; make it writable (chmod u+w) or change it by hand`);
    }
    if (errorCode(error) !== 'ENOENT') throw error;
  }
  const temporary = path.join(directory, `.${path.basename(target)}.gatehouse-${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', mode);
    try {
      // open() applies the umask, which would turn a 0664 file into 0644 behind the user's back.
      await handle.chmod(mode);
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    if (errorCode(error) === 'EACCES' || errorCode(error) === 'EPERM') {
      throw new ClaudeCodeConfigError(`cannot write in ${directory}: permission denied`);
    }
    throw error;
  }
  await syncDirectory(directory);
}

// Windows cannot open a directory for fsync; its rename is already durable enough there.
async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Deletes the file, or the file a symlink points at: the link is the user's and stays. */
export async function removeFile(file: string): Promise<void> {
  await rm(await resolveTarget(file), { force: true });
}
