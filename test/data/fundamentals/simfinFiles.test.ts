// A SimFin file lacking a column is refused with what that kind of file needs (probe K1 F2): the
// companies and industries files were told what a statement file needs.

import { describe, expect, it } from 'vitest';
import { loadSimfinLabels, loadSimfinStatements } from '../../../data/fundamentals/simfin.ts';
import { csv, tempDir, writeFile } from '../fixtures.ts';

const KEY = 'Ticker;SimFinId;Currency;Fiscal Year;Fiscal Period;Report Date;Publish Date;Restated Date';
const UNCHANGED = "use SimFin's bulk-download files unchanged";

describe('a SimFin file missing a column names what its kind needs', () => {
  it('a balance statement file: the filing key and the seven balance fields', () => {
    const dir = tempDir();
    // Total Equity left out.
    const file = writeFile(dir, 'us-balance-quarterly.csv', csv(`${KEY};Shares (Basic);Cash, Cash Equivalents & Short Term Investments;Total Assets;Short Term Debt;Long Term Debt;Total Liabilities`, 'AAA;1;USD;2021;Q2;2021-06-30;2021-08-10;2021-08-10;1;2;3;;4;5'));
    expect(() => loadSimfinStatements(dir, () => 0)).toThrow(
      `${file}:1: missing column "Total Equity" — a SimFin balance statement file needs "Ticker", "Fiscal Year", "Fiscal Period", "Report Date", "Publish Date", "Total Assets", "Total Liabilities", "Total Equity", "Short Term Debt", "Long Term Debt", "Cash, Cash Equivalents & Short Term Investments", "Shares (Basic)"; ${UNCHANGED}`,
    );
  });

  it('an income statement file: the filing key and the five income fields', () => {
    const dir = tempDir();
    const file = writeFile(dir, 'us-income-annual.csv', csv(`${KEY};Gross Profit;Operating Income (Loss);Interest Expense, Net;Net Income`, 'AAA;1;USD;2021;FY;2021-12-31;2022-02-10;2022-02-10;1;2;3;4'));
    expect(() => loadSimfinStatements(dir, () => 0)).toThrow(
      `${file}:1: missing column "Revenue" — a SimFin income statement file needs "Ticker", "Fiscal Year", "Fiscal Period", "Report Date", "Publish Date", "Revenue", "Gross Profit", "Operating Income (Loss)", "Net Income", "Interest Expense, Net"; ${UNCHANGED}`,
    );
  });

  it('a companies file: Ticker and IndustryId, never a statement\'s columns', () => {
    const dir = tempDir();
    const industries = writeFile(dir, 'industries.csv', csv('IndustryId;Industry;Sector', '100001;Industrial Products;Industrials'));
    const companies = writeFile(dir, 'us-companies.csv', csv('Ticker;SimFinId;Company Name', 'AAA;1;Aaa Inc'));
    expect(() => loadSimfinLabels(companies, industries)).toThrow(`${companies}:1: missing column "IndustryId" — a SimFin companies file needs "Ticker", "IndustryId"; ${UNCHANGED}`);
  });

  it('an industries file: IndustryId, Industry and Sector', () => {
    const dir = tempDir();
    const industries = writeFile(dir, 'industries.csv', csv('IndustryId;Industry', '100001;Industrial Products'));
    const companies = writeFile(dir, 'us-companies.csv', csv('Ticker;SimFinId;Company Name;IndustryId', 'AAA;1;Aaa Inc;100001'));
    expect(() => loadSimfinLabels(companies, industries)).toThrow(`${industries}:1: missing column "Sector" — a SimFin industries file needs "IndustryId", "Industry", "Sector"; ${UNCHANGED}`);
  });
});

describe('the notes of a SimFin statement file', () => {
  it('say what is known from the Publish Date, standing alone as a run caveat (probe r64f F6)', () => {
    const dir = tempDir();
    writeFile(dir, 'us-income-annual.csv', csv(`${KEY};Revenue;Gross Profit;Operating Income (Loss);Interest Expense, Net;Net Income`, 'AAA;1;USD;2021;FY;2021-12-31;2022-02-10;2022-02-10;10;1;2;3;4'));
    // The old note began 'known from the latest Publish Date of the filing; …': what was known, it did not say.
    expect(loadSimfinStatements(dir, () => 0).sources[0].notes).toEqual(['income annual: 1 row', 'fundamentals: each filing is known from its latest Publish Date; values are as last restated (a mild look-ahead on restated rows)']);
  });
});
