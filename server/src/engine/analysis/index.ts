/**
 * Stage 3, analysis: facts about the project that rules share (calls and what they reach, where code
 * starts running, the launch path, walls, the checkout step, platform API uses). Rules receive the
 * project-wide ones by name in their RuleContext (facts.ts); the rest are functions of the model.
 */
export * from './facts';
export * from './reach';
export * from './entry-points';
export * from './launch-path';
export * from './requests';
export * from './walls';
export * from './checkout';
export * from './api-usage';
export * from './privacy-apis';
export * from './wxml-view';
export * as vocabulary from './vocabulary';
export * from './data-flow';
export * from './conditions';
export * from './roots';
export * from './privacy-consent';
