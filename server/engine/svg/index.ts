export * from './catalog';
export * from './prompts';
export * from './pipeline';
