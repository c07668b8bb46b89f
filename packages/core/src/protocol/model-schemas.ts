import { z } from 'zod';

/** A model alias the server offers. */
export const modelInfoSchema = z
  .object({ id: z.string(), provider: z.string(), modelId: z.string(), default: z.boolean() })
  .meta({ id: 'Model', examples: [{ id: 'default', provider: 'openai', modelId: 'gpt-4o-mini', default: true }] });

/** The answer of `GET /models`. */
export const modelListSchema = z.object({ models: z.array(modelInfoSchema) });
