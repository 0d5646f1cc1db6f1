// Barchart's daily downloads end with a one-field line, `"Downloaded from Barchart.com as of
// 01-12-2024 05:00pm CST"`, below prices dated month/day/year (01/11/2024), as Barchart always
// writes them. The footer is cut off before the rows are read, and it settles the order of dates
// that never show it themselves (no day above 12).

/** The last non-empty line, when it is Barchart's footer (quoted or not). */
const BARCHART_FOOTER = /(?:^|\n)[ \t]*"?Downloaded from Barchart\.com[^\n]*\s*$/i;
/** Bytes searched at the end of a file for the footer. */
const TAIL_BYTES = 512;

export interface Footer {
  /** Bytes before the footer line. */
  readonly end: number;
  /** For the source notes. */
  readonly note: string;
}

/** Barchart's footer at the end of `bytes`, if any. */
export function barchartFooter(bytes: Buffer): Footer | undefined {
  const from = Math.max(0, bytes.length - TAIL_BYTES);
  const m = BARCHART_FOOTER.exec(bytes.toString('latin1', from));
  if (!m) return undefined;
  const end = from + m.index + (m[0].startsWith('\n') ? 1 : 0);
  return { end, note: "Barchart's footer line (\"Downloaded from Barchart.com…\") skipped; its dates are month/day/year, as Barchart writes them" };
}
