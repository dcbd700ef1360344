export const NAV = [
  { href: '/repos', label: 'Repos', key: 'r' },
  { href: '/runs', label: 'Runs', key: 'u' },
  { href: '/trajectories', label: 'Trajectories', key: 't' },
  { href: '/datasets', label: 'Datasets', key: 'd' },
  { href: '/training', label: 'Training', key: 'n' },
  { href: '/evals', label: 'Evaluations', key: 'e' },
  { href: '/costs', label: 'Costs', key: 'c' },
  { href: '/settings', label: 'Settings', key: 's' },
] as const;
