'use client';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface LossSeries {
  name: string;
  points: { step: number; value: number }[];
}

const COLORS = ['#2f6fde', '#d9480f', '#2b8a3e', '#862e9c'];

/** One or more per-step curves (training loss, learning rate) on a shared step axis. */
export function LossChart({ series, label, testId = 'loss-chart', format = (v: number) => v.toFixed(4) }: { series: LossSeries[]; label: string; testId?: string; format?: (v: number) => string }) {
  const points = series.reduce((n, s) => n + s.points.length, 0);
  return (
    <div className="h-64 w-full" data-testid={testId} data-points={points}>
      <ResponsiveContainer>
        <LineChart margin={{ top: 10, right: 24, bottom: 10, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} allowDuplicatedCategory={false} label={{ value: 'step', position: 'insideBottom', offset: -4 }} />
          <YAxis width={70} tickFormatter={(v) => format(Number(v))} label={{ value: label, angle: -90, position: 'insideLeft' }} />
          <Tooltip formatter={(v) => format(Number(v))} labelFormatter={(l) => `step ${l}`} />
          {series.length > 1 && <Legend />}
          {series.map((s, i) => (
            <Line key={s.name} data={s.points} dataKey="value" name={s.name} stroke={COLORS[i % COLORS.length]} strokeWidth={2} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
