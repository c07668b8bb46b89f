// `@company-chat/testing/rag`: a deterministic embedder and the sample documents of the knowledge-base tests.
export { CONCEPT_DIMENSIONS, conceptEmbedder } from './concept-embedder.js';
export { documentFixture, documentFixturesUrl } from './document-fixture.js';
