import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Resident memory of a process in MiB: /proc on Linux, `ps` elsewhere. */
export async function residentMemoryMiB(pid) {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
    if (match) return Number(match[1]) / 1024;
  } catch {
    // not Linux: ask ps
  }
  const { stdout } = await run('ps', ['-o', 'rss=', '-p', String(pid)]);
  return Number(stdout.trim()) / 1024;
}

/** Samples a process's memory (and the machine's load) every `intervalMs` until stopped; samples carry seconds since start. */
export function sampleMemory(pid, intervalMs) {
  const started = Date.now();
  const samples = [];
  const take = async () => {
    samples.push({
      atSeconds: (Date.now() - started) / 1000,
      rssMiB: await residentMemoryMiB(pid),
      // The machine's load: on a shared machine it explains latency better than the server does.
      load1: loadavg()[0],
    });
  };
  void take();
  const timer = setInterval(() => void take().catch(() => {}), intervalMs);
  return {
    samples,
    async stop() {
      clearInterval(timer);
      await take();
      return samples;
    },
  };
}
