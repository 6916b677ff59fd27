// CPU time consumed by a process and its descendants (Linux /proc): the bench's measure of what a request costs,
// which, unlike throughput, hardly moves when other work shares the machine.
import { readdirSync, readFileSync } from "node:fs";
import type pg from "pg";

/** Clock ticks per second of /proc's utime and stime (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  ticks: number;
}

function readStat(pid: string): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: the fields after it follow the last ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { pid: Number(pid), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined; // gone meanwhile
  }
}

/** Milliseconds of CPU (user + system) that the process and all its live descendants have used so far. */
export function treeCpuMs(root: number): number {
  const stats = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(readStat)
    .filter((s): s is ProcStat => s !== undefined);
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  let ticks = 0;
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      ticks += child.ticks;
      walk(child.pid);
    }
  };
  ticks += stats.find((s) => s.pid === root)?.ticks ?? 0;
  walk(root);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/**
 * CPU milliseconds so far of each client backend connected to the database (the same machine only), by pid. A
 * burst's PostgreSQL cost is the growth between two readings (backends that ended in between are lost; new ones
 * count whole): background processes such as autovacuum, which come and go, are left out.
 */
export async function backendCpuMs(client: pg.ClientBase): Promise<Map<number, number>> {
  const { rows } = await client.query<{ pid: number }>(`
    select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`);
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    const stat = readStat(String(pid));
    if (stat) cpu.set(pid, (stat.ticks * 1000) / TICKS_PER_SECOND);
  }
  return cpu;
}

/** What the backends of `after` used since `before`. */
export function backendCpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, value] of after) ms += value - (before.get(pid) ?? 0);
  return ms;
}
