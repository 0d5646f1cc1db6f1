// Documented exit codes (README → CLI).
export const ExitCode = {
  ok: 0,
  /** `breadth regress`: results drifted beyond tolerance. */
  drift: 1,
  /** Bad input: unknown command or flag, invalid config or parameter, unreadable data. */
  badInput: 2,
  /** A bug in breadth: the stack trace is printed for a report. */
  internal: 70,
} as const;
