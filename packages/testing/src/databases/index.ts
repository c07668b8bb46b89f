// `@company-chat/testing/databases`: the real PostgreSQL and Redis of the test machine (DATABASE_URL, REDIS_URL),
// isolated per test by a schema or a key prefix.
export { redisForTest, TEST_REDIS_URL } from './redis-test-client.js';
export { createTestSchema, TEST_DATABASE_URL } from './test-postgres.js';
