/** Import rules from ../shared/ARCHITECTURE.md, enforced in `npm test` (step "import rules"). */
module.exports = {
  forbidden: [
    {
      name: "engine-is-pure",
      comment: "server/engine is the domain core: it may import only itself, lib/ and third-party packages (its tests may also use server/testing helpers).",
      severity: "error",
      from: { path: "^server/engine/", pathNot: "\\.test\\.ts$" },
      to: { path: "^(app|components|server/(?!engine/)|prisma|e2e|bin)" },
    },
    {
      name: "engine-no-frameworks",
      comment: "No Prisma, Next, tRPC or auth inside the engine; side effects come in as deps.",
      severity: "error",
      from: { path: "^server/engine/" },
      to: { path: "node_modules/(@prisma|prisma|next|next-auth|@trpc|react|react-dom|pg-boss)/" },
    },
    {
      name: "components-no-server",
      comment: "UI talks to the server through tRPC only (type-only imports are fine).",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^server/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "lib-is-client-safe",
      comment: "lib/ is shared with the browser: third-party packages only.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(app|components|server)/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "routers-are-thin",
      comment: "server/api calls services; never the engine, Prisma or the job queue directly.",
      severity: "error",
      // context.ts is the composition root that hands the db client to services.
      from: { path: "^server/api/", pathNot: "^server/api/context\\.ts$" },
      to: { path: "^server/(engine|db\\.ts|generated|jobs)", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "app-through-trpc",
      comment: "Routes reach data through the tRPC caller, not services/engine/db.",
      severity: "error",
      from: { path: "^app/", pathNot: "^app/api/" },
      to: { path: "^server/(engine|services|db\\.ts|generated|jobs)" },
    },
    {
      name: "services-not-transport",
      severity: "error",
      from: { path: "^server/services/" },
      to: { path: "^server/api/" },
    },
    {
      name: "jobs-through-services",
      comment: "Jobs orchestrate services; the engine is reached through them.",
      severity: "error",
      from: { path: "^server/jobs/" },
      to: { path: "^server/(engine|api)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(\\.next|\\.data|server/generated)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
