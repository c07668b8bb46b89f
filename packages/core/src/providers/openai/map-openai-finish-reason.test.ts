import { expect, it } from 'vitest';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';

it.each([
  ['stop', 'stop'],
  ['length', 'length'],
  ['content_filter', 'content-filter'],
  ['tool_calls', 'tool-calls'],
  ['function_call', 'tool-calls'],
  ['something_new', 'other'],
  [null, 'other'],
] as const)('maps finish_reason %s to %s', (raw, expected) => {
  expect(mapOpenAIFinishReason(raw)).toBe(expected);
});
