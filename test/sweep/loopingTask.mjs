// A piscina task for test/sweep/threadsEnded.test.ts: it sets started[0] to 1, then never returns,
// so only ending its thread stops it.
export default function loopForever(started) {
  Atomics.store(new Int32Array(started), 0, 1);
  for (;;);
}
