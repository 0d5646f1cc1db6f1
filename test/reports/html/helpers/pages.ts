// Report inputs shared by the render and browser tests.

import type { ComparisonRun } from '../../../../reports/html/model.ts';
import { fabricateTearSheet } from './fabricate.ts';

/** A page's chart payload, as its inline data script holds it. */
export function payload(html: string): { axes: Record<string, number[]>; periodsPerYear: number; charts: { id: string; type: string }[] } {
  const json = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  if (json === null) throw new Error('no chart payload');
  return JSON.parse(json[1]);
}

/** A label that would run script if any page put it into markup unescaped. */
export const HOSTILE = '<img src=x onerror=alert(1)>';

/** One fabricated run as a comparison column. */
export function comparisonRun(label: string, seed: number, sessions: number, start = '2006-01-02'): ComparisonRun {
  const d = fabricateTearSheet({ sessions, seed, label, start });
  return {
    id: d.run.id,
    label,
    strategy: d.run.strategy.name,
    dataName: d.run.data.name,
    synthetic: d.run.data.synthetic,
    lookAheadProne: d.run.execution.lookAheadProne,
    dates: d.dates,
    nav: d.nav,
    metrics: d.metrics.strategy,
    exposures: { gross: d.exposures.gross, net: d.exposures.net },
    caveats: d.caveats,
    periodsPerYear: 252,
    riskFreeReturns: d.dates.slice(1).map(() => 0.0001),
    currency: 'USD',
  };
}
