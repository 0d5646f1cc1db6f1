// The tear sheet's first screen: did it work, why, at what cost, can I trust it. Period (and the
// first trade), capital in and out with the currency, total return and CAGR against the benchmark
// and against cash, Sharpe, the deepest drawdown with its dates, costs and financing per year,
// where the money came from by book, and the caveats that matter for this run. Each headline
// figure carries data-figure="<name>" so tests can find it on the screen.

import { caveatList, headlineCaveats } from './caveats.ts';
import { escapeHtml } from '../page/escape.ts';
import { decimals } from '../page/decimals.ts';
import { formatCount, formatCurrency, formatPercent, formatRatio, formatSignedGap } from '../page/format.ts';
import { cashGrowth, type CommonPeriod, costDrags, deepestDrawdown, lineShares, metricMap, metricValue } from './figures.ts';
import { badges } from '../header.ts';
import { intervalsPhrase } from '../metricCatalog.ts';
import type { ReportCaveat, TearSheetData } from '../model.ts';
import { epochDays } from '../series.ts';

const pct = (x: number | null, digits = 2): string => (x === null || !Number.isFinite(x) ? '–' : formatPercent(x, digits));
const signed = (x: number, digits = 1): string => `${x > 0 ? '+' : ''}${formatPercent(x, digits)}`;
const pp = (a: number | null, b: number | null): string => (a === null || b === null ? '' : ` (${formatSignedGap((a - b) * 100, 2)} pp)`);

function tile(figure: string, label: string, value: string, detail: string): string {
  return `<div class="kpi" data-figure="${figure}"><div class="label">${escapeHtml(label)}</div><div class="value">${escapeHtml(value)}</div><div class="vs">${detail}</div></div>`;
}

/**
 * "2017-06-01 → 2026-07-31 · 9.2 years, 2,304 sessions · first trade 2017-12-04", and "asked from
 * 2015-05-01" in bold where the run started later than asked: where the engine said so (a
 * `late-start` caveat, engine/calendar/requestedPeriod.ts), never for a start on the first session
 * on or after the date asked (a Sunday, then a holiday: probe r69d F7).
 */
function periodLine(data: TearSheetData, caveats: readonly ReportCaveat[]): string {
  const { run } = data;
  const years = (data.dates.length - 1) / run.periodsPerYear;
  const facts = run.facts;
  const parts = [`${escapeHtml(run.data.from)} → ${escapeHtml(run.data.to)}`, `${decimals(years, 1)} years, ${formatCount(run.data.sessions)} sessions`];
  if (facts?.requestedFrom && caveats.some((c) => c.code === 'late-start')) parts.push(`<strong>asked from ${escapeHtml(facts.requestedFrom)}</strong>`);
  parts.push(facts?.firstInvestedDate ? `first trade ${escapeHtml(facts.firstInvestedDate)}` : facts === undefined ? '' : '<strong>never invested</strong>');
  if (facts?.ruinDate) parts.push(`<strong>ruined ${escapeHtml(facts.ruinDate)}</strong>`);
  parts.push(`amounts in ${escapeHtml(run.currency)}`, `benchmark ${escapeHtml(data.benchmark?.name ?? 'none')}`);
  return parts.filter((p) => p !== '').join(' · ');
}

/** "Long book +38.7% · Short book −100.2% · Dividends +1.1% · Costs −0.8%" of starting capital. */
function booksLine(data: TearSheetData): string {
  const dec = data.decomposition;
  if (dec === undefined) return '';
  const shares = lineShares(dec);
  const parts: string[] = [];
  for (const [line, label] of [['long_book', 'Long book'], ['short_book', 'Short book']] as const) {
    const s = shares.get(line);
    if (s !== undefined && s !== 0) parts.push(`<span class="${s < 0 ? 'neg' : 'pos'}">${label} ${escapeHtml(signed(s))}</span>`);
  }
  const sum = (kind: 'income' | 'cost'): number => dec.lines.filter((l) => l.kind === kind).reduce((s, l) => s + l.amount, 0) / dec.startNav;
  const income = sum('income');
  const costs = sum('cost');
  // Lines that round to 0.0% say nothing on the first screen; the waterfall has them all.
  if (Math.abs(income) >= 0.0005) parts.push(`Income ${escapeHtml(signed(income))}`);
  if (Math.abs(costs) >= 0.0005) parts.push(`Costs ${escapeHtml(signed(costs))}`);
  if (parts.length === 0) return '';
  return `<p class="books" data-figure="books">Where it came from, as a share of the starting capital: ${parts.join(' · ')} <a href="#pnl">(waterfall)</a></p>`;
}

function drawdownDetail(data: TearSheetData): string {
  const e = deepestDrawdown(data.drawdowns);
  if (e === undefined) return 'never below a previous high';
  const recovery = e.recoveryDate === null ? '<strong>still open</strong>' : `recovered ${escapeHtml(e.recoveryDate)}`;
  return `${escapeHtml(e.peakDate ?? data.dates[0])} → ${escapeHtml(e.troughDate ?? '–')}, ${recovery}`;
}

/** " (−0.10)": a ratio's difference, for a card; '' when either side is unknown. */
const ratioGap = (a: number | null, b: number | null): string => (a === null || b === null ? '' : ` (${formatSignedGap(a - b, 2)})`);

/**
 * "vs SMLF 0.61 (−0.10) over 2015-04-30 → 2026-07-31, the period both cover (this run 0.52)": the
 * benchmark's figure `name` beside the run's headline figure `mine`, both over the intervals they
 * are paired on (`common`, the All-metrics table's Difference); the run's own figure there is said
 * when the period is not the whole run, or when it reads otherwise (intervals merged across gaps,
 * a monthly benchmark). Escaped markup; '' without a benchmark figure.
 */
function besideBenchmark(data: TearSheetData, common: CommonPeriod | null, name: string, mine: number | null, show: (x: number | null) => string, gap: (a: number | null, b: number | null) => string): string {
  const bench = data.benchmark?.name;
  if (bench === undefined || common === null) return '';
  const ours = metricValue(common.strategy, name);
  const theirs = metricValue(common.benchmark, name);
  if (theirs === null) return '';
  const over = !common.whole
    ? ` over ${data.dates[common.first]} → ${data.dates[common.last]}, the period both cover (this run ${show(ours)})`
    : show(ours) !== show(mine)
      ? ` on the ${intervalsPhrase(common.pairing.intervals, common.pairing.periodsPerYear)} paired with ${bench} (this run ${show(ours)})`
      : '';
  return escapeHtml(`vs ${bench} ${show(theirs)}${gap(ours, theirs)}${over}`);
}

/**
 * The high caveats, above the headline figures they change (a run that waited half its NAV in
 * cash for years answers a different question than its CAGR suggests); '' when there is none.
 * On a phone (styles.css) the list shows the first, the largest, and a link to the rest in the
 * caveat panel, so the figures still start on the first screen: six caveats of up to nine lines
 * each pushed them 1,600 px down.
 */
function highCaveats(caveats: readonly ReportCaveat[], currency: string): string {
  const high = caveats.filter((c) => c.severity === 'high');
  if (high.length === 0) return '';
  const rest = high.length - 1;
  const more = rest === 0 ? '' : `<p class="more-high"><a href="#caveats">${rest} more high caveat${rest === 1 ? '' : 's'}: read ${rest === 1 ? 'it' : 'them'} in Caveats ↓</a></p>`;
  return `<div class="headline-caveats high" data-figure="high-caveats"><h2>Read the figures below with ${high.length === 1 ? 'this high caveat' : `these ${high.length} high caveats`}</h2>${caveatList(high, currency)}${more}</div>`;
}

/** " — cash borrowed at no cost (see Caveats)" where the run borrowed cash or shares its cost models charged nothing for (engine/caveats/financingCaveats.ts; the short one names its symbols, the debit one none): its financing figure leaves that out. */
function freeFinancing(caveats: readonly ReportCaveat[]): string {
  const free = caveats.filter((c) => c.code === 'free-financing');
  if (free.length === 0) return '';
  const what = free.map((c) => (c.symbols.length > 0 ? 'shares shorted' : 'cash borrowed')).join(' and ');
  return ` — <strong>${what} at no cost</strong> (<a href="#caveats">see Caveats</a>)`;
}

/**
 * The costs card's sub-line, the sum its net figure is: "trading 0.35% + financing 0.41% paid −
 * 0.80% interest earned, of mean NAV" — what was paid and what was earned apart, so a net near 0
 * does not read as trading for free (probe r73c F3: −0.04 % was 0.76 % paid less 0.80 % earned);
 * "… paid, of mean NAV" when nothing was earned. Financing is the borrow fee, short dividends and
 * interest paid; earned the interest received and borrow rebate.
 */
function costsPaidAndEarned(drags: { trading: number; financing: number; earned: number }): string {
  const paid = `trading ${formatPercent(drags.trading, 2)} + financing ${formatPercent(drags.financing, 2)} paid`;
  return `${paid}${drags.earned !== 0 ? ` − ${formatPercent(drags.earned, 2)} interest earned` : ''}, of mean NAV`;
}

/**
 * The first screen, with `caveats` already ranked and `common` the run and its benchmark over the
 * period both cover (figures.ts comparedToBenchmark).
 */
export function answerFirst(data: TearSheetData, caveats: readonly ReportCaveat[], common: CommonPeriod | null): string {
  const { run } = data;
  const own = metricMap(data.metrics.strategy);
  const cash = cashGrowth(data.riskFreeReturns, run.periodsPerYear, data.nav, epochDays(data.dates));
  const cur = run.currency;
  const end = data.nav[data.nav.length - 1];
  const total = metricValue(own, 'total_return');
  const cagr = metricValue(own, 'annual_return');
  const sharpe = metricValue(own, 'sharpe');
  // A rate known over part of the run only: cash and the run over that span (from its first value; a rate carried past its last counts), said so.
  const vsCash = (mine: number | null, figure: 'total' | 'annual'): string => {
    if (cash === null) return '';
    if (cash.whole) return `vs cash ${escapeHtml(pct(cash[figure]))}${escapeHtml(pp(mine, cash[figure]))}`;
    const ours = cash.run?.[figure] ?? null;
    const span = `${data.dates[cash.first]} → ${data.dates[cash.last + 1]}`;
    return escapeHtml(`vs cash ${pct(cash[figure])}${pp(ours, cash[figure])} over ${span}, where the cash rate is known or carried (this run ${pct(ours)})`);
  };
  // A cash benchmark is the risk-free series: it is said once, as "vs cash".
  const against = (name: 'total_return' | 'annual_return', figure: 'total' | 'annual', mine: number | null): string =>
    [besideBenchmark(data, common, name, mine, pct, pp), vsCash(mine, figure)].filter((s) => s !== '').join('<br>') || 'no benchmark, no cash rate';
  const drags = costDrags(data.costs);
  const ratio = (x: number | null): string => (x === null ? '–' : formatRatio(x));
  const tiles = [
    tile('final-nav', `Final NAV (${cur})`, formatCurrency(end), `from ${escapeHtml(cur)} ${escapeHtml(formatCurrency(run.initialCapital))}`),
    tile('total-return', 'Total return', pct(total), against('total_return', 'total', total)),
    tile('cagr', 'CAGR', pct(cagr), against('annual_return', 'annual', cagr)),
    tile('sharpe', 'Sharpe ratio', ratio(sharpe), besideBenchmark(data, common, 'sharpe', sharpe, ratio, ratioGap) || `over ${escapeHtml((run.riskFree ?? 'rf = 0').split(',')[0])}`),
    tile('max-drawdown', 'Max drawdown', pct(metricValue(own, 'max_drawdown')), drawdownDetail(data)),
    tile(
      'costs',
      'Costs & financing / yr',
      drags === null ? '–' : formatPercent(drags.total, 2),
      drags === null ? 'insufficient data' : `${escapeHtml(costsPaidAndEarned(drags))}${freeFinancing(caveats)}`,
    ),
  ];
  const high = highCaveats(caveats, cur);
  return `<section class="card answer" id="summary" aria-label="Summary">
<div class="title-row"><h1>${escapeHtml(run.label)}</h1>${badges({ synthetic: run.data.synthetic, lookAheadProne: run.execution.lookAheadProne })}</div>
<p class="period">${periodLine(data, caveats)}</p>
${high}<div class="kpis">${tiles.join('')}</div>
${booksLine(data)}
<div class="headline-caveats"><h2>Before you trust it</h2>${headlineCaveats(high === '' ? caveats : caveats.filter((c) => c.severity !== 'high'), cur, high === '' ? 'No high or medium caveats.' : 'No other high or medium caveats.')}</div>
</section>`;
}
