/**
 * Stage 5, findings: what the rules reported becomes what users see. Suppression comments (and the
 * "suppress with a reason" fix) live here; the analyzer applies severities, suppressions and ignore globs.
 */
export * from './suppressions';
export * from './overlaps';
