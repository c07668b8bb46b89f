import { describe } from 'vitest';
import { createMemoryUsageLog } from './memory-usage-log.js';
import { usageLogCases } from './usage-log.case.test.js';

describe('memory usage log', () => {
  usageLogCases(async () => ({ log: createMemoryUsageLog() }));
});
