// Ctrl-C for long jobs: the first SIGINT asks the job to stop cleanly (its signal aborts; work in
// flight finishes and is kept), a second one ends the process at once — still safe, since every
// stored item is written in its own transaction.

export async function interruptible<T>(job: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nbreadth: stopping after the trials in progress (Ctrl-C again to quit now)\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  try {
    return await job(controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
  }
}
