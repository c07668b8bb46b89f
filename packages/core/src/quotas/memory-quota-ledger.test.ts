import { quotaLedgerCases } from '@company-chat/testing/conformance';
import { describe } from 'vitest';
import { createMemoryQuotaLedger } from './memory-quota-ledger.js';

describe('memory quota ledger', () => {
  quotaLedgerCases(async (options) => ({ ledger: createMemoryQuotaLedger(options) }));
});
