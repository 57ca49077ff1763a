/**
 * A document's facts (the old module path, kept so that the server, the CLI and the Node side need
 * no new imports): documentFacts.ts builds a version's facts, blockwise.ts parses block by block,
 * openDocument.ts follows an open document's edits, slugs.ts makes heading anchors.
 */
export { blockStart, buildDocument, computeLineStarts, endOf, rangeIn, readDocument, startOf, type DocumentFacts, type PlacedFacts, type SluggedHeading } from './documentFacts';
export { parseBlockwise, parseWhole } from './blockwise';
export { OpenDocument } from './openDocument';
export { slugHeadings } from './slugs';
