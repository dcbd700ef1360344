// File types the trajectory import accepts (shared by the upload form, the route and the CLI).
export const SUPPORTED_IMPORT_EXTENSIONS = ['.jsonl', '.json', '.traj', '.parquet'] as const;

export function isSupportedImportFile(name: string): boolean {
  const n = name.toLowerCase();
  return SUPPORTED_IMPORT_EXTENSIONS.some((e) => n.endsWith(e));
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
