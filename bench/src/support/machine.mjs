import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** What the numbers were measured on; printed with every report. */
export function describeMachine() {
  return {
    cores: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

function cpuTimes() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1);
  const values = fields.map(Number);
  const idle = values[3] + (values[4] ?? 0);
  const total = values.reduce((sum, value) => sum + value, 0);
  return { idle, total };
}

/** Share of all cores busy over `ms`, from /proc/stat; undefined where there is no /proc. */
export async function machineBusyShare(ms = 1_000) {
  let before;
  try {
    before = cpuTimes();
  } catch {
    return undefined;
  }
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = cpuTimes();
  const total = after.total - before.total;
  return total > 0 ? 1 - (after.idle - before.idle) / total : undefined;
}

/**
 * Waits, within a bound, until nothing else keeps the cores busy: a benchmark on a machine
 * that runs a test suite at the same time measures the test suite. Returns what it saw, so the
 * report can say when the machine never went quiet.
 */
export async function waitForQuietMachine({ busyBelow = 0.15, maxWaitMs = 120_000, log }) {
  const started = Date.now();
  // Three seconds, not one: a test suite between two of its files looks idle for a moment.
  let busy = await machineBusyShare(3_000);
  while (busy !== undefined && busy >= busyBelow && Date.now() - started < maxWaitMs) {
    log(`  machine busy (${Math.round(busy * 100)}% CPU used by other processes); waiting`);
    busy = await machineBusyShare(5_000);
  }
  return {
    busyShareAtStart: busy === undefined ? undefined : Math.round(busy * 100) / 100,
    quiet: busy === undefined || busy < busyBelow,
    waitedMs: Date.now() - started,
  };
}

/** Resident set size of a process in bytes, from /proc/PID/status. */
export function residentBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  if (kib === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kib) * 1024;
}

/** Linux reports CPU time in USER_HZ ticks, 100 per second on every mainstream kernel. */
const MS_PER_TICK = 10;

/** CPU time (user + system, all threads) a running process has used so far, in ms. */
export function processCpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
}

/** Clock ticks a process and its reaped children used, and its parent, from /proc/PID/stat. */
function processTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces and parentheses: fields start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [utime, stime, cutime, cstime] = fields.slice(11, 15).map(Number);
  return { parent: Number(fields[1]), ticks: utime + stime + cutime + cstime };
}

/**
 * Ticks used by this process and every descendant, alive or reaped (a reaped child's time moves
 * into its parent's cutime/cstime, so nothing that ran for the bench is lost between samples).
 */
function benchTreeTicks() {
  const processes = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      processes.set(Number(entry), processTicks(entry));
    } catch {
      // exited while we looked
    }
  }
  const children = new Map();
  for (const [pid, { parent }] of processes) {
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(pid);
  }
  let ticks = 0;
  const pending = [process.pid];
  while (pending.length > 0) {
    const pid = pending.pop();
    ticks += processes.get(pid)?.ticks ?? 0;
    pending.push(...(children.get(pid) ?? []));
  }
  return ticks;
}

/** A point in time to measure, from two of them, how much CPU processes outside the bench used. */
export function cpuSnapshot() {
  try {
    return { ...cpuTimes(), bench: benchTreeTicks() };
  } catch {
    return undefined;
  }
}

/** Share of all cores that processes other than the bench and its children kept busy. */
export function otherProcessesCpuShare(before, after) {
  if (!before || !after) return undefined;
  const total = after.total - before.total;
  if (total <= 0) return undefined;
  const busy = total - (after.idle - before.idle);
  const others = busy - (after.bench - before.bench);
  return Math.round(Math.max(0, Math.min(1, others / total)) * 100) / 100;
}
