import type { Db } from '../db';
import type { Role } from '@/lib/permissions';

/** What every use-case receives: its side effects, passed in (easy to test). */
export interface ServiceDeps {
  db: Db;
  now?: () => Date;
}

/** An authenticated user acting inside one organization (checked by the procedure builder). */
export interface OrgActor {
  userId: string;
  orgId: string;
  role: Role;
}
