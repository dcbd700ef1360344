'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc/client';
import { LossChart } from '@/components/charts/loss-chart';
import { Card, EmptyState } from '@/components/ui/card';
import { formatDuration, isActive } from './format';

export function TrainingList() {
  const trpc = useTRPC();
  const list = useQuery({ ...trpc.training.list.queryOptions(), refetchInterval: (q) => (q.state.data?.some((r) => isActive(r.state)) ? 3000 : false) });
  const [picked, setPicked] = useState<string[]>([]);
  const compare = useQuery({ ...trpc.training.compare.queryOptions({ ids: picked }), enabled: picked.length >= 2 });
  if (!list.data) return null;
  if (list.data.length === 0) return <EmptyState title="No training runs yet">Train a specialist once you have a dataset version.</EmptyState>;
  return (
    <div className="space-y-4">
      <Card>
        <table className="w-full text-sm" data-testid="training-runs">
          <thead>
            <tr className="text-left text-zinc-500">
              <th>Compare</th>
              <th>Name</th>
              <th>State</th>
              <th>Model</th>
              <th>Dataset</th>
              <th>Step</th>
              <th>Loss</th>
              <th>Checkpoints</th>
              <th>Duration</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((r) => (
              <tr key={r.id} className="border-t border-zinc-200 dark:border-zinc-800">
                <td>
                  <input
                    type="checkbox"
                    aria-label={`compare ${r.name}`}
                    checked={picked.includes(r.id)}
                    onChange={(e) => setPicked((p) => (e.target.checked ? [...p, r.id].slice(-4) : p.filter((x) => x !== r.id)))}
                  />
                </td>
                <td>
                  <Link className="text-brand-600 underline" href={`/training/${r.id}`}>
                    {r.name}
                  </Link>
                </td>
                <td>{r.state}</td>
                <td>{r.baseModel}</td>
                <td>{r.datasetVersion?.label ?? '—'}</td>
                <td>{r.progress.step}</td>
                <td>{r.lastLoss?.toFixed(4) ?? '—'}</td>
                <td>{r.checkpointCount}</td>
                <td>{formatDuration(r.durationSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card>
        <h2 className="mb-1 font-medium">Compare loss curves</h2>
        {picked.length < 2 ? (
          <p className="text-sm text-zinc-500">Tick two runs to compare their loss curves.</p>
        ) : (
          compare.data && <LossChart testId="compare-chart" label="loss" series={compare.data.map((s) => ({ name: s.name, points: s.points.map((x) => ({ step: x.step, value: x.loss })) }))} />
        )}
      </Card>
    </div>
  );
}
