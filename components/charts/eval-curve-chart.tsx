'use client';
import { CartesianGrid, ErrorBar, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface CurveSeries {
  name: string;
  points: { samples: number; mean: number; std: number; seeds: number }[];
}
export interface Baseline {
  name: string;
  mean: number;
}
export interface FitLine {
  name: string;
  points: { samples: number; value: number }[];
}

const COLORS = ['#2f6fde', '#d9480f', '#2b8a3e', '#862e9c', '#c92a2a', '#0b7285'];

/** Resolve rate vs training samples (log x), mean ± std over seeds, baselines as dashed lines. */
export function EvalCurveChart({ series, baselines, fits = [] }: { series: CurveSeries[]; baselines: Baseline[]; fits?: FitLine[] }) {
  const xs = series.flatMap((s) => s.points.map((p) => p.samples)).filter((x) => x > 0);
  const domain: [number, number] = xs.length ? [Math.max(1, Math.min(...xs) / 2), Math.max(...xs) * 2] : [1, 10_000];
  return (
    <div className="h-80 w-full" data-testid="eval-curve">
      <ResponsiveContainer>
        <LineChart margin={{ top: 10, right: 24, bottom: 10, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="samples" type="number" scale="log" domain={domain} allowDuplicatedCategory={false} tickFormatter={(v) => Number(v).toLocaleString()} label={{ value: 'training samples', position: 'insideBottom', offset: -4 }} />
          <YAxis domain={[0, 100]} unit="%" width={48} />
          <Tooltip formatter={(v) => `${Number(v).toFixed(1)}%`} labelFormatter={(l) => `${Number(l).toLocaleString()} samples`} />
          <Legend />
          {series.map((s, i) => (
            <Line key={s.name} data={s.points.filter((p) => p.samples > 0)} dataKey="mean" name={s.name} stroke={COLORS[i % COLORS.length]} strokeWidth={2} dot isAnimationActive={false}>
              <ErrorBar dataKey="std" width={4} stroke={COLORS[i % COLORS.length]} direction="y" />
            </Line>
          ))}
          {fits.map((f, i) => (
            <Line key={`fit-${f.name}`} data={f.points} dataKey="value" name={`${f.name} (fit)`} stroke={COLORS[i % COLORS.length]} strokeDasharray="6 4" dot={false} isAnimationActive={false} />
          ))}
          {baselines.map((b, i) => (
            <ReferenceLine key={b.name} y={b.mean} stroke={COLORS[(i + 3) % COLORS.length]} strokeDasharray="4 4" label={{ value: `${b.name} ${b.mean.toFixed(1)}%`, position: 'insideTopRight', fontSize: 12 }} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
