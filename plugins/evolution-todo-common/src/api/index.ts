export * from './recordedParameters';
