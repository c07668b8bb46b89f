import { chunkLocator, type PassageWithNeighbours, type StoredChunk } from '@company-chat/core';
import { toFileJson } from './to-file-json.js';

/** The JSON of one passage (a chunk) of a file: its text, position and where it is in the original. */
export function toChunkJson(chunk: StoredChunk) {
  return {
    id: chunk.id,
    ordinal: chunk.ordinal,
    text: chunk.text,
    headingPath: chunk.headingPath,
    locator: chunkLocator(chunk),
  };
}

/** The body of `GET /files/:id/passages/:passageId`: the passage, its neighbours and its file. */
export function toPassageJson(found: PassageWithNeighbours) {
  return {
    file: toFileJson(found.file),
    passage: toChunkJson(found.passage),
    previous: found.previous ? toChunkJson(found.previous) : null,
    next: found.next ? toChunkJson(found.next) : null,
  };
}
