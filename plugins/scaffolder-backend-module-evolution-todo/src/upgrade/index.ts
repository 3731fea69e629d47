/**
 * Template upgrades, copier/cruft style: a generated repository records its
 * parameters and template version (record), keeps the template's pure renders
 * on a branch of their own (branches), and an upgrade re-renders there and
 * merges into a new branch with git (merge), listing conflicts (conflicts).
 */
export * from './branches';
export * from './conflicts';
export * from './entityRepository';
export * from './git';
export * from './merge';
export * from './parameters';
export * from './record';
export * from './recordFile';
export * from './repository';
export * from './templateVersion';
export * from './upgradeRepository';
