// Shared by the viewer and the service that feeds it (server/services/runs.ts).

/**
 * Up to this many steps the viewer opens them all, so their bodies come with the page; a longer
 * rollout starts collapsed and shows headers first, its bodies (most of its bytes: 115 steps are
 * ~180 KB) following as runs.trajectorySteps, which the page streams at the end of its response.
 */
export const OPEN_STEPS_MAX = 50;
