// Temporary files and folders this process made are removed however it ends: normally, by
// process.exit, or by Ctrl-C, SIGTERM or a closed terminal (SIGHUP). Without a listener those
// signals end Node at once, mid-write, leaving a page's or export's hidden temporary file beside
// its target, or a read-only store's snapshot in the temp folder (probe r56d F5). While a path is
// registered a listener takes them instead; Node runs it once the synchronous step in progress is
// done (a write or a copy; a command that never waits, such as an export, to its end). It removes
// what is registered and ends the process by the same signal, so the exit status stays 128 + n
// (130, 143, 129). Where another listener handles the signal (a sweep's first Ctrl-C stops it
// cleanly, a worker finishes its trials, Playwright closes its browser), that one decides, and the
// paths go when the process ends. With nothing registered no listener is left, and Ctrl-C ends a
// run at once, as before. (The `signal-exit` package does this job; it is not a dependency here.)

import { rmSync } from 'node:fs';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const pending = new Set<string>();
let listening = false;

function removePending(): void {
  for (const path of pending) {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      // The process is ending: nothing more can be done about a path that will not go.
    }
  }
  pending.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) return; // another listener decides; 'exit' removes the paths
  removePending();
  stopListening();
  process.kill(process.pid, signal); // with no listener left, the signal's default: the process ends by it
}

function startListening(): void {
  if (listening) return;
  listening = true;
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on('exit', removePending);
}

function stopListening(): void {
  if (!listening) return;
  listening = false;
  for (const signal of SIGNALS) process.off(signal, onSignal);
  process.off('exit', removePending);
}

/**
 * Removes `path` (a file, or a folder with its contents) when this process ends, unless the
 * returned `forget` is called first (the file was renamed into place, the folder removed by its
 * owner). The listeners stay two turns of the event loop after the last path is forgotten: a
 * signal that came during a synchronous write reaches them (and ends the process) instead of
 * being dropped with them.
 */
export function removeOnExit(path: string): () => void {
  pending.add(path);
  startListening();
  return () => {
    pending.delete(path);
    if (pending.size === 0) setImmediate(() => setImmediate(() => pending.size === 0 && stopListening()));
  };
}
