import { usageLogCases } from '@company-chat/testing/conformance';
import { describe } from 'vitest';
import { createMemoryUsageLog } from './memory-usage-log.js';

describe('memory usage log', () => {
  usageLogCases(async () => ({ log: createMemoryUsageLog() }));
});
