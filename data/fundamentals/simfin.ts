// SimFin bulk downloads (semicolon-separated, SimFin's own headers, plain or gzip):
// us-{balance,cashflow,income}-{quarterly,annual}.csv[.gz], optionally prefixed `simfin_`.
// The three statements of one filing — same ticker, fiscal year and fiscal period — merge into
// one Statement (statements.ts): period end = Report Date, published = the latest of the
// three Publish Dates (the filing is complete only when all three are out). Annual files mark
// the balance sheet's period Q4 and the others FY; every annual row is read as FY.
// Money keeps SimFin's units (1, not thousands) and signs (capex and costs are negative).

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeColumnName, readCsvRecords, refuseRepeatedColumns, wrongFieldCountError } from '../formats/csvTable.ts';
import { parseIsoDay } from '../dates.ts';
import { DataError } from '../errors.ts';
import { badDateError, optionalNumber, requireNumber } from '../formats/fields.ts';
import type { FundamentalField } from '../fundamentals.ts';
import type { SourceInfo } from '../market.ts';
import type { ListedNote } from '../listedNotes.ts';
import { publishGuardNote } from './publishGuardNotes.ts';
import { shareVintageNotes } from './shareVintageNotes.ts';
import { reconcileShareVintages } from './shareVintages.ts';
import type { FiscalPeriod, Statement } from './statements.ts';

type StatementKind = 'balance' | 'cashflow' | 'income';

/** SimFin column for each canonical field, per statement. */
const FIELD_COLUMNS: Readonly<Record<StatementKind, Partial<Record<FundamentalField, string>>>> = {
  balance: {
    totalAssets: 'Total Assets',
    totalLiabilities: 'Total Liabilities',
    totalEquity: 'Total Equity',
    shortTermDebt: 'Short Term Debt',
    longTermDebt: 'Long Term Debt',
    cash: 'Cash, Cash Equivalents & Short Term Investments',
    sharesOutstanding: 'Shares (Basic)',
  },
  cashflow: {
    operatingCashFlow: 'Net Cash from Operating Activities',
    capex: 'Change in Fixed Assets & Intangibles',
  },
  income: {
    revenue: 'Revenue',
    grossProfit: 'Gross Profit',
    operatingIncome: 'Operating Income (Loss)',
    netIncome: 'Net Income',
    interestExpense: 'Interest Expense, Net',
  },
};

const KEY_COLUMNS = ['Ticker', 'Fiscal Year', 'Fiscal Period', 'Report Date', 'Publish Date'];
const STATEMENT_FILE = /(?:^|_)us-(balance|cashflow|income)-(quarterly|annual)\.csv(?:\.gz)?$/;
const QUARTERS: ReadonlySet<string> = new Set(['Q1', 'Q2', 'Q3', 'Q4']);

/** The statement files in `folder`, by kind and frequency. */
export function simfinStatementFiles(folder: string): { file: string; kind: StatementKind; annual: boolean }[] {
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const m = STATEMENT_FILE.exec(name);
      return m ? [{ file: join(folder, name), kind: m[1] as StatementKind, annual: m[2] === 'annual' }] : [];
    });
}

interface Filing {
  symbol: number;
  ticker: string;
  fiscalYear: number;
  fiscalPeriod: FiscalPeriod;
  periodEnd: number;
  published: number;
  values: Partial<Record<FundamentalField, number>>;
}

/** A kind of SimFin file as a refusal names it, and every column breadth reads of it. */
interface SimfinFile {
  readonly what: string;
  readonly columns: readonly string[];
}

/** Each statement kind's file: the filing's key columns, then its fields (FIELD_COLUMNS). */
const statementFile = (kind: StatementKind): SimfinFile => ({ what: `SimFin ${kind} statement file`, columns: [...KEY_COLUMNS, ...Object.values(FIELD_COLUMNS[kind])] });
const COMPANIES_FILE: SimfinFile = { what: 'SimFin companies file', columns: ['Ticker', 'IndustryId'] };
const INDUSTRIES_FILE: SimfinFile = { what: 'SimFin industries file', columns: ['IndustryId', 'Industry', 'Sector'] };

/**
 * The index in `header` of each column of `kind`, in its order (names compared as
 * normalizeColumnName does); a column missing is refused at line 1 with what that kind of file
 * needs, and one given twice as refuseRepeatedColumns says.
 */
function columnIndices(file: string, header: readonly string[], kind: SimfinFile): number[] {
  return kind.columns.map((column) => {
    const wanted = normalizeColumnName(column);
    const matches = header.map((h) => (normalizeColumnName(h) === wanted ? column : null));
    const k = matches.indexOf(column);
    if (k < 0) throw new DataError(file, 1, `missing column "${column}"`, `a ${kind.what} needs ${kind.columns.map((c) => `"${c}"`).join(', ')}; use SimFin's bulk-download files unchanged`);
    // A second copy was read by no one: the first won without a word (probe r60c F5, as symbols.csv and price files).
    refuseRepeatedColumns(file, 1, header, matches, `"${header.join(';')}"`);
    return k;
  });
}

function readStatementFile(file: string, kind: StatementKind, annual: boolean, symbolOf: (ticker: string) => number, filings: Map<string, Filing>): SourceInfo {
  const { records, lines, contentHash } = readCsvRecords(file, ';');
  if (records.length < 2) throw new DataError(file, undefined, 'no data rows', 'expected a SimFin header line followed by rows');
  const header = records[0];
  const [ticker, year, period, report, publish, ...fieldColumns] = columnIndices(file, header, statementFile(kind));
  const fields = Object.keys(FIELD_COLUMNS[kind]).map((field, j) => [field as FundamentalField, fieldColumns[j]] as const);
  let unmatched = 0;
  for (let k = 1; k < records.length; k++) {
    const record = records[k];
    const line = lines[k];
    if (record.length !== header.length) throw wrongFieldCountError(file, line, header.length, record.length);
    const symbol = symbolOf(record[ticker]);
    if (symbol < 0) {
      unmatched++;
      continue;
    }
    const fiscalPeriod = annual ? 'FY' : record[period];
    if (fiscalPeriod !== 'FY' && !QUARTERS.has(fiscalPeriod)) throw new DataError(file, line, `unknown Fiscal Period "${record[period]}"`, 'quarterly rows use Q1..Q4');
    const date = (column: number): number => {
      const day = parseIsoDay(record[column]);
      if (Number.isNaN(day)) throw badDateError({ file, line, column: header[column] }, record[column]);
      return day;
    };
    const fiscalYear = requireNumber(record[year], { file, line, column: header[year] });
    const key = `${symbol}|${fiscalYear}|${fiscalPeriod}`;
    const filing = filings.get(key) ?? { symbol, ticker: record[ticker], fiscalYear, fiscalPeriod: fiscalPeriod as FiscalPeriod, periodEnd: -Infinity, published: -Infinity, values: {} };
    filing.periodEnd = Math.max(filing.periodEnd, date(report));
    filing.published = Math.max(filing.published, date(publish));
    for (const [field, c] of fields) {
      const value = optionalNumber(record[c], { file, line, column: header[c] });
      if (!Number.isNaN(value)) filing.values[field] = value;
    }
    filings.set(key, filing);
  }
  const notes = [
    `${kind} ${annual ? 'annual' : 'quarterly'}: ${records.length - 1} row${records.length - 1 === 1 ? '' : 's'}`,
    // Said whole: a run that reads fundamentals carries this note as a caveat of its own, away from the line above.
    'fundamentals: each filing is known from its latest Publish Date; values are as last restated (a mild look-ahead on restated rows)',
  ];
  if (unmatched > 0) notes.push(`${unmatched} rows of tickers without prices skipped`);
  return { path: file, format: 'SimFin bulk csv (;)', fingerprint: contentHash, notes };
}

export interface LoadedStatements {
  readonly statements: Statement[];
  readonly sources: SourceInfo[];
}

/** `source` with `notes` (and their listings) added. */
function withNotes(source: SourceInfo, notes: readonly string[], listed: readonly ListedNote[]): SourceInfo {
  return notes.length === 0 ? source : { ...source, notes: [...source.notes, ...notes], listed: [...(source.listed ?? []), ...listed] };
}

/**
 * Every statement file in `folder`, merged per filing, the annual share counts in the quarterly
 * file's split units or dropped where those are unknown (shareVintages.ts), said in the annual
 * balance file's notes (shareVintageNotes.ts); the filings whose publish date is implausible
 * (taken as public later, statements.ts availableAt) said in the notes of each file of their
 * frequency (publishGuardNotes.ts). `symbolOf` maps a ticker to its market index, or -1 to
 * skip it (tickers without prices).
 */
export function loadSimfinStatements(folder: string, symbolOf: (ticker: string) => number): LoadedStatements {
  const files = simfinStatementFiles(folder);
  if (files.length === 0) throw new DataError(folder, undefined, 'no SimFin statement files', 'expected us-balance-quarterly.csv(.gz) and friends (optionally prefixed simfin_)');
  const filings = new Map<string, Filing>();
  const sources = files.map(({ file, kind, annual }) => readStatementFile(file, kind, annual, symbolOf, filings));
  const reconciled = reconcileShareVintages(filings.values());
  const annualShares = files.findIndex((f) => f.kind === 'balance' && f.annual);
  if (annualShares >= 0) {
    const tickers = new Map([...filings.values()].map((f) => [f.symbol, f.ticker]));
    const { notes, listed } = shareVintageNotes(reconciled, (symbol) => tickers.get(symbol)!);
    sources[annualShares] = withNotes(sources[annualShares], notes, listed);
  }
  for (const annual of [false, true]) {
    const guarded = publishGuardNote([...filings.values()].filter((f) => (f.fiscalPeriod === 'FY') === annual), annual ? 'annual' : 'quarterly');
    if (guarded === undefined) continue;
    files.forEach((f, k) => {
      if (f.annual === annual) sources[k] = withNotes(sources[k], [guarded.note], [guarded]);
    });
  }
  return { statements: [...filings.values()], sources };
}

export interface CompanyLabels {
  readonly sector: string;
  readonly industry: string;
}

/** Ticker → sector and industry, from SimFin's companies and industries files. */
export function loadSimfinLabels(companiesFile: string, industriesFile: string): { labels: Map<string, CompanyLabels>; sources: SourceInfo[] } {
  const industries = readCsvRecords(industriesFile, ';');
  const [industryId, industryName, sectorName] = columnIndices(industriesFile, industries.records[0] ?? [], INDUSTRIES_FILE);
  const byIndustry = new Map<string, CompanyLabels>();
  for (const record of industries.records.slice(1)) {
    if (record.length > sectorName) byIndustry.set(record[industryId], { sector: record[sectorName], industry: record[industryName] });
  }
  const companies = readCsvRecords(companiesFile, ';');
  const [ticker, companyIndustry] = columnIndices(companiesFile, companies.records[0] ?? [], COMPANIES_FILE);
  const labels = new Map<string, CompanyLabels>();
  for (const record of companies.records.slice(1)) {
    const label = byIndustry.get(record[companyIndustry] ?? '');
    if (record[ticker] && label) labels.set(record[ticker], label);
  }
  const source = (file: string, contentHash: string, note: string): SourceInfo => ({ path: file, format: 'SimFin bulk csv (;)', fingerprint: contentHash, notes: [note] });
  return {
    labels,
    sources: [
      source(companiesFile, companies.contentHash, `${labels.size} tickers with a sector and industry`),
      source(industriesFile, industries.contentHash, `${byIndustry.size} industries`),
    ],
  };
}
