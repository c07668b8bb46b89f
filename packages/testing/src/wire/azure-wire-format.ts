import { openaiErrorBody, openaiStream, validateChatBody } from './openai-wire-format.js';
import { randomHex, type VendorError, type VendorFormat } from './vendor-format.js';

// Azure OpenAI: `POST /openai/deployments/{deployment}/chat/completions?api-version=...` with an `api-key`
// header. Its errors use string status codes (`{"error":{"code":"429","message":...}}`) and 429s carry
// `retry-after` and `retry-after-ms`.
// https://learn.microsoft.com/azure/ai-services/openai/reference

const azureMessages: Record<number, string> = {
  401: 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
  404: 'Resource not found',
  429: 'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.',
  500: 'The server had an error while processing your request. Sorry about that!',
  503: 'The service is temporarily unable to process your request. Please try again later.',
};

/** Azure OpenAI's deployment-scoped streaming format. */
export const azureWireFormat: VendorFormat = {
  vendor: 'azure',
  validate(headers, body, apiKey) {
    const key = headers['api-key'];
    if (typeof key !== 'string' || (apiKey !== undefined && key !== apiKey)) return this.error(401);
    return validateChatBody(this, body);
  },
  error(status, errorType, message): VendorError {
    const headers = {
      'content-type': 'application/json',
      'apim-request-id': crypto.randomUUID(),
      'x-request-id': randomHex(32),
    };
    if (status === 400) return { status, headers, body: openaiErrorBody(status, errorType, message) };
    const code = errorType ?? String(status);
    const text = message ?? azureMessages[status] ?? 'The server had an error while processing your request.';
    return { status, headers, body: JSON.stringify({ error: { code, message: text } }) };
  },
  stream(body) {
    return openaiStream(body, { azure: { model: 'gpt-4o-2024-08-06' } });
  },
};
