// The sample's fundamentals and labels as SimFin bulk-download files: semicolon-separated, SimFin's
// full headers (columns the sample does not model are left blank, which SimFin uses for "not
// reported"), CRLF line endings where SimFin's files have them. Money in whole dollars, SimFin signs.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isoDay } from '../dates.ts';
import type { FundamentalField } from '../fundamentals.ts';
import type { SampleMarket } from '../sample.ts';
import { SECTORS } from './traits.ts';

type Values = Readonly<Partial<Record<FundamentalField, number>>>;
type Column = (v: Values) => number;

const KEY_COLUMNS = ['Ticker', 'SimFinId', 'Currency', 'Fiscal Year', 'Fiscal Period', 'Report Date', 'Publish Date', 'Restated Date'];
const SHARES = ['Shares (Basic)', 'Shares (Diluted)'];

interface StatementFile {
  readonly name: string;
  /** SimFin's statement columns after the key columns, in SimFin's order. */
  readonly columns: readonly string[];
  /** The columns the sample fills; the others stay blank. */
  readonly values: Readonly<Record<string, Column>>;
}

const shares: Column = (v) => v.sharesOutstanding ?? NaN;

export const SIMFIN_STATEMENT_FILES: readonly StatementFile[] = [
  {
    name: 'simfin_us-balance-quarterly.csv',
    columns: [
      ...SHARES, 'Cash, Cash Equivalents & Short Term Investments', 'Accounts & Notes Receivable', 'Inventories', 'Total Current Assets',
      'Property, Plant & Equipment, Net', 'Long Term Investments & Receivables', 'Other Long Term Assets', 'Total Noncurrent Assets',
      'Total Assets', 'Payables & Accruals', 'Short Term Debt', 'Total Current Liabilities', 'Long Term Debt', 'Total Noncurrent Liabilities',
      'Total Liabilities', 'Share Capital & Additional Paid-In Capital', 'Treasury Stock', 'Retained Earnings', 'Total Equity',
      'Total Liabilities & Equity',
    ],
    values: {
      'Shares (Basic)': shares,
      'Shares (Diluted)': shares,
      'Cash, Cash Equivalents & Short Term Investments': (v) => v.cash ?? NaN,
      'Total Assets': (v) => v.totalAssets ?? NaN,
      'Short Term Debt': (v) => v.shortTermDebt ?? NaN,
      'Long Term Debt': (v) => v.longTermDebt ?? NaN,
      'Total Liabilities': (v) => v.totalLiabilities ?? NaN,
      'Total Equity': (v) => v.totalEquity ?? NaN,
      'Total Liabilities & Equity': (v) => v.totalAssets ?? NaN,
    },
  },
  {
    name: 'simfin_us-cashflow-quarterly.csv',
    columns: [
      ...SHARES, 'Net Income/Starting Line', 'Depreciation & Amortization', 'Non-Cash Items', 'Change in Working Capital',
      'Change in Accounts Receivable', 'Change in Inventories', 'Change in Accounts Payable', 'Change in Other',
      'Net Cash from Operating Activities', 'Change in Fixed Assets & Intangibles', 'Net Change in Long Term Investment',
      'Net Cash from Acquisitions & Divestitures', 'Net Cash from Investing Activities', 'Dividends Paid', 'Cash from (Repayment of) Debt',
      'Cash from (Repurchase of) Equity', 'Net Cash from Financing Activities', 'Net Change in Cash',
    ],
    values: {
      'Shares (Basic)': shares,
      'Shares (Diluted)': shares,
      'Net Income/Starting Line': (v) => v.netIncome ?? NaN,
      'Net Cash from Operating Activities': (v) => v.operatingCashFlow ?? NaN,
      'Change in Fixed Assets & Intangibles': (v) => v.capex ?? NaN,
    },
  },
  {
    name: 'simfin_us-income-quarterly.csv',
    columns: [
      ...SHARES, 'Revenue', 'Cost of Revenue', 'Gross Profit', 'Operating Expenses', 'Selling, General & Administrative',
      'Research & Development', 'Depreciation & Amortization', 'Operating Income (Loss)', 'Non-Operating Income (Loss)',
      'Interest Expense, Net', 'Pretax Income (Loss), Adj.', 'Abnormal Gains (Losses)', 'Pretax Income (Loss)',
      'Income Tax (Expense) Benefit, Net', 'Income (Loss) from Continuing Operations', 'Net Extraordinary Gains (Losses)', 'Net Income',
      'Net Income (Common)',
    ],
    values: {
      'Shares (Basic)': shares,
      'Shares (Diluted)': shares,
      Revenue: (v) => v.revenue ?? NaN,
      'Cost of Revenue': (v) => (v.grossProfit ?? NaN) - (v.revenue ?? NaN),
      'Gross Profit': (v) => v.grossProfit ?? NaN,
      'Operating Income (Loss)': (v) => v.operatingIncome ?? NaN,
      'Interest Expense, Net': (v) => v.interestExpense ?? NaN,
      'Net Income': (v) => v.netIncome ?? NaN,
      'Net Income (Common)': (v) => v.netIncome ?? NaN,
    },
  },
];

export const SIMFIN_COMPANIES_HEADER = [
  'Ticker', 'SimFinId', 'Company Name', 'IndustryId', 'ISIN', 'End of financial year (month)', 'Number Employees', 'Market', 'CIK', 'Main Currency',
];
export const SIMFIN_INDUSTRIES_HEADER = ['IndustryId', 'Industry', 'Sector'];

/** Synthetic SimFin ids: never collide with real ones, which stay below 9e7. */
const simfinId = (symbol: number): number => 90_000_001 + symbol;
const industryId = (sector: number, industry: number): number => 900_000 + (sector + 1) * 100 + industry + 1;
const cell = (x: number): string => (Number.isNaN(x) ? '' : String(x));

/** Writes the three quarterly statement files, companies and industries; returns their paths. */
export function writeSimfinFiles(market: SampleMarket, outDir: string): string[] {
  const { statements, traits } = market.sample;
  const written: string[] = [];
  for (const file of SIMFIN_STATEMENT_FILES) {
    const lines = [[...KEY_COLUMNS, ...file.columns].join(';')];
    for (const s of statements) {
      const published = isoDay(s.published);
      const keys = [market.symbols[s.symbol], simfinId(s.symbol), 'USD', s.fiscalYear, s.fiscalPeriod, isoDay(s.periodEnd), published, published];
      lines.push([...keys, ...file.columns.map((c) => cell(file.values[c]?.(s.values) ?? NaN))].join(';'));
    }
    written.push(writeLines(join(outDir, file.name), lines, '\r\n'));
  }

  const companies = [SIMFIN_COMPANIES_HEADER.join(';')];
  for (let i = 0; i < traits.count; i++) {
    const name = `SYNTHETIC COMPANY ${market.symbols[i].slice(3)}`;
    companies.push([market.symbols[i], simfinId(i), name, industryId(traits.sector[i], traits.industry[i]), '', 12, '', 'us', '', 'USD'].join(';'));
  }
  written.push(writeLines(join(outDir, 'simfin_us-companies.csv'), companies, '\n'));

  const industries = [SIMFIN_INDUSTRIES_HEADER.join(';')];
  SECTORS.forEach((sector, s) => sector.industries.forEach((industry, k) => industries.push([industryId(s, k), industry, sector.name].join(';'))));
  written.push(writeLines(join(outDir, 'simfin_industries.csv'), industries, '\r\n'));
  return written;
}

function writeLines(path: string, lines: readonly string[], eol: string): string {
  writeFileSync(path, lines.join(eol) + eol);
  return path;
}
