import { describe } from 'vitest';
import { loginThrottleCases } from './login-throttle.case.test.js';
import { createMemoryLoginThrottle } from './memory-login-throttle.js';

describe('memory login throttle', () => {
  loginThrottleCases(async (options) => ({ throttle: createMemoryLoginThrottle(options) }));
});
