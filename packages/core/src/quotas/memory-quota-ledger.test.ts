import { describe } from 'vitest';
import { createMemoryQuotaLedger } from './memory-quota-ledger.js';
import { quotaLedgerCases } from './quota-ledger.case.test.js';

describe('memory quota ledger', () => {
  quotaLedgerCases(async (options) => ({ ledger: createMemoryQuotaLedger(options) }));
});
