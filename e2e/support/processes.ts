// Ends a test browser the hard way, as a crash or a power cut would.
import { execFileSync } from 'node:child_process';
import { expect } from '@playwright/test';

/** The processes of the browser running on `profileDir` (only ours: the profile is a fresh temporary directory). */
function browserProcesses(profileDir: string): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return table
    .split('\n')
    .filter((line) => line.includes(profileDir) && !line.includes('ps -eo'))
    .map((line) => Number(line.trim().split(/\s+/, 1)[0]))
    .filter((pid) => Number.isInteger(pid) && pid !== process.pid);
}

/** Kills the processes of the browser on `profileDir`, if any are left; returns how many there were. */
export function killBrowserProcesses(profileDir: string): number {
  const pids = browserProcesses(profileDir);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone with its parent.
    }
  }
  return pids.length;
}

/** Kills the browser on `profileDir` outright, by process id, as a crash or a power cut would end it. */
export function killBrowser(profileDir: string): void {
  expect(killBrowserProcesses(profileDir)).toBeGreaterThan(0);
}
