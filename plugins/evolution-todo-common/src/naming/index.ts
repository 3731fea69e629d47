export * from './components';
export * from './labels';
export * from './names';
export * from './templates';
