// Whether a process of this machine still runs: for leftovers that name their writer's pid (a
// report's temporary file, a sweep's claim), so a dead writer's are cleared and a live one's kept.

/** True while process `pid` of this machine runs (another user's answers EPERM, and runs too). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
