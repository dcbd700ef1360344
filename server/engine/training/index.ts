export * from './axolotl-config';
export * from './presets';
export * from './gpu-estimate';
export * from './axolotl-log-parser';
