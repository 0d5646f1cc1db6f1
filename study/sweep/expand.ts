// From a run and its sweep block to the list of concrete runs the sweep tries: every grid
// combination, or a seeded random draw. Each point keeps the values it swept (for the trials
// table and heatmaps) and the run spec with those values applied.

import { Random } from '../../data/random.ts';
import { describeValue } from '../../reports/describeValue.ts';
import { canonicalJson } from '../../reports/store/index.ts';
import type { RunSpec } from '../config.ts';
import type { Axis, SweepSpec } from './config.ts';

export interface SweepPoint {
  /** The swept values by axis: a parameter's name, `engine.<path>`, or `period`. */
  readonly values: Readonly<Record<string, unknown>>;
  /** The run with the values applied (params merged, engine settings set at their paths). */
  readonly spec: RunSpec;
  /** `<run>[axis=value …]`, for people. */
  readonly name: string;
}

interface AxisValues {
  readonly label: string;
  readonly apply: (spec: RunSpec, value: unknown) => RunSpec;
  /** The values of a discrete axis, or a continuous [from, to] (random sweeps only). */
  readonly values: readonly unknown[] | { readonly from: number; readonly to: number };
}

/** Grid values of a range: from, from + step, … ≤ to, rounded to the step's decimals (0.1 + 0.2 is 0.3 here). */
export function rangeValues(from: number, to: number, step: number): number[] {
  const decimals = Math.max(...[from, step].map((x) => (String(x).split('.')[1] ?? '').length));
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  return Array.from({ length: count }, (_, k) => Number((from + k * step).toFixed(decimals)));
}

/** An axis's values, each once (`fast: [5, 10, 10]` is two values: a random draw counts distinct combinations). */
function axisValues(axis: Axis): AxisValues['values'] {
  if (Array.isArray(axis)) return [...new Map(axis.map((v) => [canonicalJson(v), v])).values()];
  return axis.step === undefined ? { from: axis.from, to: axis.to } : rangeValues(axis.from, axis.to, axis.step);
}

/** A copy of `target` with `value` at the dotted `path` (objects on the way are copied, not changed). */
function setPath(target: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const base = typeof target === 'object' && target !== null && !Array.isArray(target) ? (target as Record<string, unknown>) : {};
  return { ...base, [path[0]]: setPath(base[path[0]], path.slice(1), value) };
}

function axes(sweep: SweepSpec, studyEngine: Readonly<Record<string, unknown>>): AxisValues[] {
  const out: AxisValues[] = [];
  for (const [name, axis] of Object.entries(sweep.params)) {
    out.push({ label: name, values: axisValues(axis), apply: (spec, v) => ({ ...spec, params: { ...spec.params, [name]: v } }) });
  }
  for (const [path, axis] of Object.entries(sweep.engine)) {
    const [top, ...rest] = path.split('.');
    out.push({
      label: `engine.${path}`,
      values: axisValues(axis),
      // Start from the setting the run would have (its own, else the study's), so `slippage.bps` keeps the slippage kind.
      apply: (spec, v) => ({ ...spec, engine: { ...spec.engine, [top]: setPath(spec.engine[top] ?? studyEngine[top], rest, v) } }),
    });
  }
  if (sweep.periods) {
    out.push({
      label: 'period',
      values: sweep.periods,
      apply: (spec, v) => {
        const { from, to } = v as { from?: string; to?: string };
        const { from: _f, to: _t, ...engine } = spec.engine;
        return { ...spec, engine: { ...engine, ...(from ? { from } : {}), ...(to ? { to } : {}) } };
      },
    });
  }
  return out;
}

function point(run: RunSpec, list: readonly AxisValues[], picked: readonly unknown[]): SweepPoint {
  let spec: RunSpec = { ...run, params: { ...run.params }, engine: { ...run.engine } };
  const values: Record<string, unknown> = {};
  list.forEach((axis, k) => {
    spec = axis.apply(spec, picked[k]);
    values[axis.label] = picked[k];
  });
  const name = list.length === 0 ? run.name : `${run.name}[${list.map((a, k) => `${a.label.replace(/^engine\./, '')}=${describeValue(picked[k])}`).join(' ')}]`;
  return { values, spec, name };
}

/**
 * The points a sweep tries for `run` (one point, the run itself, without a sweep). `studyEngine`
 * is the study's engine block, under the run's own. Grid order: the first axis varies slowest.
 */
export function expandSweep(run: RunSpec, sweep: SweepSpec | undefined, studyEngine: Readonly<Record<string, unknown>> = {}): SweepPoint[] {
  if (sweep === undefined) return [point(run, [], [])];
  const list = axes(sweep, studyEngine);
  const discrete = list.every((a) => Array.isArray(a.values));
  const sizes = list.map((a) => (Array.isArray(a.values) ? a.values.length : Infinity));
  const total = sizes.reduce((p, s) => p * s, 1);
  const pick = (index: number): unknown[] => {
    const picked: unknown[] = new Array(list.length);
    for (let k = list.length - 1; k >= 0; k--) {
      picked[k] = (list[k].values as readonly unknown[])[index % sizes[k]];
      index = Math.floor(index / sizes[k]);
    }
    return picked;
  };
  if (sweep.method === 'grid') return Array.from({ length: total }, (_, i) => point(run, list, pick(i)));
  const samples = sweep.samples ?? 0;
  const random = new Random(sweep.seed, `sweep ${run.name}`);
  if (discrete) {
    if (total <= samples) return Array.from({ length: total }, (_, i) => point(run, list, pick(i)));
    const chosen = new Set<number>();
    while (chosen.size < samples) chosen.add(Math.floor(random.uniform() * total));
    return [...chosen].map((i) => point(run, list, pick(i)));
  }
  return Array.from({ length: samples }, () =>
    point(
      run,
      list,
      list.map((a) => (Array.isArray(a.values) ? a.values[random.int(a.values.length)] : random.between((a.values as { from: number }).from, (a.values as { to: number }).to))),
    ),
  );
}
