/**
 * The outbox thread's checkpoints on a timer (src/adapters/db/checkpoints.ts): its commits no longer
 * copy the WAL into the file however large the WAL grows; each tick copies all of it, passively
 * (another connection's open read does not make it wait), and nothing written is lost.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CheckpointTimer, checkpointOnTimer } from '../../src/adapters/db/checkpoints';
import { type LibsqlDatabase, openLibsql } from '../../src/adapters/db/libsql';

let dir: string;
let file: string;
let writer: LibsqlDatabase;
let other: LibsqlDatabase;
let timer: CheckpointTimer;
const ticks: { mode: string; frames: number }[] = [];

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  dir = mkdtempSync(join(tmpdir(), 'se-checkpoints-'));
  file = join(dir, 'x.db');
  writer = await openLibsql(`file:${file}`);
  other = await openLibsql(`file:${file}`);
  await writer.client.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, data BLOB)');
  await writer.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  timer = await checkpointOnTimer(writer.client, {
    everyMs: 250,
    restartPastFrames: 1000,
    onCheckpoint: (mode, frames) => ticks.push({ mode, frames }),
  });
});
afterAll(() => {
  timer.stop();
  vi.useRealTimers();
  writer.close();
  other.close();
  rmSync(dir, { recursive: true, force: true });
});

const fileSize = () => statSync(file).size;
/** About 1,500 pages of WAL (more than SQLite's automatic threshold of 1,000), in 30 commits. */
async function writeMuch(from: number) {
  for (let i = 0; i < 30; i++)
    await writer.client.execute({
      sql: 'INSERT INTO t (id, data) SELECT ? + value, randomblob(4000) FROM json_each(?)',
      args: [from + i * 50, JSON.stringify(Array.from({ length: 50 }, (_x, k) => k))],
    });
}

describe('checkpoints on a timer', () => {
  it('the connection’s commits leave the WAL alone; a tick copies it into the file', async () => {
    expect((await writer.client.execute('PRAGMA wal_autocheckpoint')).rows[0]![0]).toBe(0);
    const before = fileSize();
    await writeMuch(0);
    // No automatic checkpoint: the file has not grown, everything is still in the WAL.
    expect(fileSize()).toBe(before);
    await vi.advanceTimersByTimeAsync(250);
    await timer.settled();
    expect(fileSize()).toBeGreaterThan(before + 1500 * 4000);
    // Everything copied: a further checkpoint has nothing left to do.
    const r = (await other.client.execute('PRAGMA wal_checkpoint(PASSIVE)')).rows[0]!;
    expect([r[0], r[1]]).toEqual([0, r[2]]);
    expect((await other.client.execute('SELECT count(*) FROM t')).rows[0]![0]).toBe(1500);
  });

  it('does not wait for a reader: it copies what the reader does not need, and the rest later', async () => {
    const size = fileSize();
    await writeMuch(10_000);
    // A read transaction open on the other connection, at the snapshot before the next writes.
    await other.client.execute('BEGIN');
    await other.client.execute('SELECT count(*) FROM t');
    await writeMuch(20_000);
    await vi.advanceTimersByTimeAsync(250);
    await timer.settled();
    const partly = fileSize();
    expect(partly).toBeGreaterThan(size);
    expect((await other.client.execute('SELECT count(*) FROM t')).rows[0]![0]).toBe(3000);
    await other.client.execute('COMMIT');
    await vi.advanceTimersByTimeAsync(250);
    await timer.settled();
    expect(fileSize()).toBeGreaterThan(partly);
    expect((await other.client.execute('SELECT count(*) FROM t')).rows[0]![0]).toBe(4500);
  });

  it('once the WAL holds many frames, the next tick is a RESTART, and the log starts again', async () => {
    await writeMuch(40_000);
    ticks.length = 0;
    await vi.advanceTimersByTimeAsync(250);
    await timer.settled();
    await vi.advanceTimersByTimeAsync(250);
    await timer.settled();
    expect(ticks.map((t) => t.mode)).toEqual(['PASSIVE', 'RESTART']);
    expect(ticks[0]!.frames).toBeGreaterThanOrEqual(1000);
    // The next write starts the log from its beginning: a few frames in it, not thousands.
    await writer.client.execute("INSERT INTO t (id, data) VALUES (99999, 'x')");
    const r = (await other.client.execute('PRAGMA wal_checkpoint(PASSIVE)')).rows[0]!;
    expect(Number(r[1])).toBeLessThan(10);
    await vi.advanceTimersByTimeAsync(250);
    await timer.settled();
    expect(ticks[2]!.mode).toBe('PASSIVE');
  });
});
