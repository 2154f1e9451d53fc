export * from './project-language';
/**
 * Stage 6, fixes: builders that turn a finding into plain edits across files (used by rules), the helpers
 * that edit WXML, scripts and JSON without breaking their formatting, applying edits, checking that files
 * still parse, and the loop that applies fixes one at a time.
 */
export * from './apply';
export * from './edit-helpers';
export * from './json-edits';
export * from './settings-edits';
export * from './move-phone-to-checkout';
export * from './purpose-modal';
export * from './privacy-popup';
export * from './shared-text';
export * from './verify';
export * from './fix-loop';
export * from './fix-definition';
export * from './code-style';
