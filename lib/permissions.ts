// Who may do what. Client-safe so the UI can hide what a role cannot do; the server
// enforces the same table in its procedure builders (server/api/trpc.ts).
export const ROLES = ['owner', 'admin', 'engineer', 'lead', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'org:read', // see everything in the org
  'org:manage', // rename the org, manage backends and price catalog
  'members:manage', // invite, change roles, remove
  'repo:write', // connect and configure repositories
  'plan:submit', // draft and submit generation/training plans
  'plan:approve', // approve or reject plans (a lead's job)
  'job:launch', // launch approved plans, training, evals
  'job:cancel',
  'data:curate', // labels, notes, include/exclude, dataset versions, imports
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const all = new Set<Permission>(PERMISSIONS);
export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  owner: all,
  admin: all,
  lead: new Set(['org:read', 'plan:submit', 'plan:approve', 'job:launch', 'job:cancel', 'data:curate']),
  engineer: new Set(['org:read', 'repo:write', 'plan:submit', 'job:launch', 'job:cancel', 'data:curate']),
  viewer: new Set(['org:read']),
};

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return !!role && ROLE_PERMISSIONS[role].has(permission);
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  engineer: 'Engineer',
  lead: 'Lead (approves plans)',
  viewer: 'Viewer (read-only)',
};
