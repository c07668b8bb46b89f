import { CompanyChatError } from '@company-chat/core';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app/app-env.js';
import { jsonBodyLimit } from '../validation/json-body-limit.js';
import { readJsonBody } from '../validation/read-json-body.js';
import { type AdminRoutesOptions, auditAdmin } from './admin-context.js';

/** Body of `PATCH /admin/models/:id`: switch an alias on or off. */
export const modelSwitchSchema = z.strictObject({ enabled: z.boolean() });

/**
 * `/models`: which alias maps to which provider and model, and whether it is enabled. Provider URLs and
 * keys are configuration, never shown or changed here.
 */
export function adminModelsRoutes(options: AdminRoutesOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const list = () => options.engine.listModels().map((m) => ({ ...m, enabled: !options.models.disabled.has(m.id) }));
  app.get('/models', (c) => c.json({ models: list() }));
  app.patch('/models/:id', jsonBodyLimit(4 * 1024), async (c) => {
    const id = c.req.param('id');
    const { enabled } = await readJsonBody(c, modelSwitchSchema);
    if (!options.engine.listModels().some((m) => m.id === id)) {
      throw new CompanyChatError({ code: 'not_found', message: 'No such model alias.' });
    }
    if (enabled) options.models.disabled.delete(id);
    else options.models.disabled.add(id);
    await auditAdmin(c, options, { action: enabled ? 'model.enable' : 'model.disable', target: `model:${id}` });
    return c.json(list().find((m) => m.id === id));
  });
  return app;
}
