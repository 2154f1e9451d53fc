/**
 * Stage 2, model: the mini program as the platform sees it (app, pages, subpackages, components, routes,
 * modules), built from cached parses; plus finding roots and remembering facts on units. Later stages
 * import from here.
 */
export * from './project';
export * from './file-cache';
export * from './discovery';
export * from './memo';
export * from './frameworks';
export * from './guidance';
