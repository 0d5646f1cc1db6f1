// HTML reports: the tear sheet of one run and the comparison of several, each one
// self-contained file (inline echarts, no network), written atomically.
export { renderComparison } from './comparison/comparison.ts';
export { commonPeriodNotes, commonPeriodShortfall, commonPeriodShortNote, commonWindow } from './comparison/comparisonMeasures.ts';
export { comparisonRunFromStoredRun, RUN_CURRENCY, tearSheetFromStoredRun } from './fromStore.ts';
export type { ComparisonData, ComparisonRun, CostLineData, DrawdownRow, ExposureSeries, FactorFit, FactorLoading, MetricFigure, NamedWindow, ReportCaveat, RunInfo, SymbolPnl, TearSheetData } from './model.ts';
export { type Paper, PAPER_NAMES, PAPERS, writePdf } from './page/pdf.ts';
export { renderTearSheet } from './tearSheet/tearSheet.ts';
export { writeReport } from './page/writeReport.ts';
