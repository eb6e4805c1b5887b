export * from './entities.js';
export * from './errors.js';
export * from './events.js';
export * from './frames.js';
export * from './methods.js';
export * from './bridge.js';
export * from './library.js';
export * from './routing.js';
