'use client';
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface Bucket {
  from: number;
  to: number;
  count: number;
  tokens: number;
}

/** Recall distribution of T2 trajectories; buckets at or above the threshold are highlighted. */
export function RecallHistogram({ buckets, threshold }: { buckets: Bucket[]; threshold: number }) {
  const data = buckets.map((b) => ({ ...b, label: `${b.from.toFixed(1)}–${b.to.toFixed(1)}` }));
  return (
    <div className="h-56 w-full" data-testid="recall-histogram">
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} width={40} />
          <Tooltip formatter={(v) => [v, 'trajectories']} />
          <ReferenceLine x={data[Math.min(9, Math.floor(threshold * 10))]?.label} stroke="#d9480f" strokeDasharray="4 4" />
          <Bar dataKey="count" isAnimationActive={false}>
            {data.map((b) => (
              <Cell key={b.label} fill={b.to > threshold ? '#2f6fde' : '#a1a1aa'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
