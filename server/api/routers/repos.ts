import { z } from 'zod';
import { codeMapInput, connectRepoInput, rotateCredentialInput, environmentInput, filtersInput, repoIdInput, snapshotInput, teacherInput, WIZARD_STEPS } from '@/lib/schemas/repos';
import {
  checkTeacher,
  connectRepository,
  deleteRepository,
  rotateCredential,
  getRepository,
  goToStep,
  listBranches,
  listRepositories,
  saveCodeMap,
  codeMap,
  saveEnvironment,
  saveFilters,
  saveSnapshot,
} from '../../services/repos';
import { getInstallCheck, startInstallCheck } from '../../services/install-check';
import { orgProcedure, router, type ApiContext } from '../trpc';

const deps = (ctx: ApiContext) => ({ db: ctx.db });

export const reposRouter = router({
  list: orgProcedure('org:read').query(({ ctx }) => listRepositories(deps(ctx), ctx.actor)),
  get: orgProcedure('org:read').input(repoIdInput).query(({ ctx, input }) => getRepository(deps(ctx), ctx.actor, input.repoId)),
  branches: orgProcedure('repo:write').input(repoIdInput).query(({ ctx, input }) => listBranches(deps(ctx), ctx.actor, input.repoId)),
  connect: orgProcedure('repo:write').input(connectRepoInput).mutation(({ ctx, input }) => connectRepository(deps(ctx), ctx.actor, input)),
  saveSnapshot: orgProcedure('repo:write').input(snapshotInput).mutation(({ ctx, input }) => saveSnapshot(deps(ctx), ctx.actor, input)),
  codeMap: orgProcedure('org:read').input(codeMapInput).query(({ ctx, input }) => codeMap(deps(ctx), ctx.actor, input)),
  saveCodeMap: orgProcedure('repo:write').input(codeMapInput).mutation(({ ctx, input }) => saveCodeMap(deps(ctx), ctx.actor, input)),
  saveEnvironment: orgProcedure('repo:write').input(environmentInput).mutation(({ ctx, input }) => saveEnvironment(deps(ctx), ctx.actor, input)),
  checkTeacher: orgProcedure('repo:write').input(teacherInput).mutation(({ ctx, input }) => checkTeacher(deps(ctx), ctx.actor, input, { save: false })),
  saveTeacher: orgProcedure('repo:write').input(teacherInput).mutation(({ ctx, input }) => checkTeacher(deps(ctx), ctx.actor, input, { save: true })),
  saveFilters: orgProcedure('repo:write').input(filtersInput).mutation(({ ctx, input }) => saveFilters(deps(ctx), ctx.actor, input)),
  goToStep: orgProcedure('repo:write')
    .input(repoIdInput.extend({ step: z.enum(WIZARD_STEPS) }))
    .mutation(({ ctx, input }) => goToStep(deps(ctx), ctx.actor, input.repoId, input.step)),
  rotateCredential: orgProcedure('repo:write').input(rotateCredentialInput).mutation(({ ctx, input }) => rotateCredential(deps(ctx), ctx.actor, input)),
  startInstallCheck: orgProcedure('repo:write').input(repoIdInput).mutation(({ ctx, input }) => startInstallCheck(deps(ctx), ctx.actor, input.repoId)),
  installCheck: orgProcedure('org:read')
    .input(z.object({ jobId: z.string().min(1).max(64) }))
    .query(({ ctx, input }) => getInstallCheck(deps(ctx), ctx.actor, input.jobId)),
  delete: orgProcedure('repo:write').input(repoIdInput).mutation(({ ctx, input }) => deleteRepository(deps(ctx), ctx.actor, input.repoId)),
});
