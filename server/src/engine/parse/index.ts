/**
 * Stage 1, parse: tolerant parsers that never throw and keep offsets, one per file kind. Later stages
 * import from here.
 */
export * from './wxml';
export * from './script';
export * from './jsonc';
export * from './wxss';
export * from './conditional';
export * from './vue';
export * from './jsx';
export * from './static-config';
export * from './template-builder';
