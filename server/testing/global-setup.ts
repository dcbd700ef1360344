// Placeholder until the embedded-Postgres test harness lands (Foundation).
export default async function setup() {}
