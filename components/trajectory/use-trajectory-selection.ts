'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import type { TrajectoryFilter } from '@/lib/schemas/trajectories';
import { parseSelection, selectionKeys, selectionQuery, type TrajectorySelection } from '@/lib/trajectory-query';

/** The browser's filters + sort, read from and written to the URL (so any view is a link). */
export function useTrajectorySelection() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const query = params.toString();
  const selection = useMemo(() => parseSelection(new URLSearchParams(query)), [query]);

  const replace = useCallback(
    (next: TrajectorySelection) => {
      // Keys that are not part of the selection (none today) survive; the old `page` does not.
      const rest = [...new URLSearchParams(query)].filter(([k]) => !(selectionKeys as readonly string[]).includes(k) && k !== 'page');
      const qs = [selectionQuery(next), new URLSearchParams(rest).toString()].filter(Boolean).join('&');
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [query, pathname, router],
  );

  const setFilter = useCallback(
    <K extends keyof TrajectoryFilter>(key: K, value: TrajectoryFilter[K] | undefined) => {
      const filter = { ...selection.filter };
      if (value === undefined || value === '') delete filter[key];
      else filter[key] = value;
      replace({ ...selection, filter });
    },
    [selection, replace],
  );

  return {
    selection,
    setFilter,
    setSort: (sort: TrajectorySelection['sort'], dir: TrajectorySelection['dir']) => replace({ ...selection, sort, dir }),
    clearFilters: () => replace({ ...selection, filter: {} }),
    applyQuery: (q: string) => replace(parseSelection(new URLSearchParams(q))),
    queryString: selectionQuery(selection),
  };
}
