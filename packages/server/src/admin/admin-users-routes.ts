import { CompanyChatError, ROLES, type Role, type UserDirectory } from '@company-chat/core';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app/app-env.js';
import { jsonBodyLimit } from '../validation/json-body-limit.js';
import { readJsonBody } from '../validation/read-json-body.js';
import { type AdminRoutesOptions, auditAdmin } from './admin-context.js';

const idSchema = z.string().regex(/^[\w.@:|+-]{1,256}$/);
const roles = z
  .array(z.enum(ROLES as [Role, ...Role[]]))
  .min(1)
  .max(3);
const tier = z.string().regex(/^[\w.-]{1,64}$/);
/** Body of `POST /admin/users`. */
export const createUserSchema = z.strictObject({
  id: idSchema.optional(),
  email: z.string().min(3).max(320).optional(),
  displayName: z.string().max(200).optional(),
  password: z.string().min(1).max(1024).optional(),
  roles: roles.optional(),
  tier: tier.optional(),
});
/** Body of `PATCH /admin/users/:id`. */
export const updateUserSchema = z.strictObject({
  roles: roles.optional(),
  tier: tier.optional(),
  displayName: z.string().max(200).optional(),
});

const notFound = () => new CompanyChatError({ code: 'not_found', message: 'No such user.' });

/**
 * `/users`: list and search, create (a built-in account when a password is given), read, change roles
 * and tier, suspend (ends their sessions; every credential of theirs is refused 403), reactivate, and
 * delete with their data (conversations, files, keys, usage). All within the admin's tenant.
 */
export function adminUsersRoutes(options: AdminRoutesOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const limit = jsonBodyLimit(Math.min(options.maxBodyBytes, 64 * 1024));
  const directory = (): UserDirectory => {
    if (!options.auth.users)
      throw new CompanyChatError({ code: 'not_supported', message: 'No user directory is configured.' });
    return options.auth.users;
  };
  const checkTier = (name: string | undefined) => {
    if (name !== undefined && options.quotas.tiers && !Object.hasOwn(options.quotas.tiers, name)) {
      throw new CompanyChatError({ code: 'invalid_request', message: `Unknown tier "${name}".` });
    }
  };
  const notSelf = (c: { var: AppEnv['Variables'] }, id: string) => {
    if (c.var.principal.userId === id) {
      throw new CompanyChatError({ code: 'invalid_request', message: 'Admins cannot suspend or delete themselves.' });
    }
  };

  app.get('/users', async (c) => {
    const status = c.req.query('status');
    const result = await directory().list(c.var.principal.tenantId, {
      ...(c.req.query('search') ? { search: c.req.query('search') as string } : {}),
      ...(status === 'active' || status === 'suspended' ? { status } : {}),
      limit: Number(c.req.query('limit') ?? 50) || 50,
      offset: Number(c.req.query('offset') ?? 0) || 0,
    });
    return c.json(result);
  });

  app.post('/users', limit, async (c) => {
    const body = await readJsonBody(c, createUserSchema);
    const tenantId = c.var.principal.tenantId;
    checkTier(body.tier);
    let id = body.id;
    if (body.password !== undefined) {
      if (!options.auth.accounts || !body.email) {
        throw new CompanyChatError({
          code: 'invalid_request',
          message: 'A password needs an email and built-in accounts enabled.',
        });
      }
      const account = await options.auth.accounts.register({
        tenantId,
        email: body.email,
        password: body.password,
        ...(body.roles ? { roles: body.roles } : {}),
        ...(body.tier ? { tier: body.tier } : {}),
      });
      id = account.id;
    }
    if (id === undefined) throw new CompanyChatError({ code: 'invalid_request', message: 'Give an id or a password.' });
    if (body.password === undefined && (await directory().get(tenantId, id))) {
      throw new CompanyChatError({ code: 'invalid_request', message: 'A user with this id already exists.' });
    }
    const user = await directory().ensure({
      tenantId,
      id,
      ...(body.email ? { email: body.email } : {}),
      ...(body.displayName ? { displayName: body.displayName } : {}),
      ...(body.roles ? { roles: body.roles } : {}),
      ...(body.tier ? { tier: body.tier } : {}),
      hasPassword: body.password !== undefined,
    });
    await auditAdmin(c, options, {
      action: 'user.create',
      target: `user:${id}`,
      details: { roles: user.roles, tier: user.tier, account: body.password !== undefined },
    });
    return c.json(user, 201);
  });

  app.get('/users/:id', async (c) => {
    const user = await directory().get(c.var.principal.tenantId, c.req.param('id'));
    if (!user) throw notFound();
    return c.json(user);
  });

  app.patch('/users/:id', limit, async (c) => {
    const body = await readJsonBody(c, updateUserSchema);
    checkTier(body.tier);
    const tenantId = c.var.principal.tenantId;
    const id = c.req.param('id');
    const user = await directory().update(tenantId, id, body);
    if (!user) throw notFound();
    // Built-in accounts keep roles and tier on their own record too (the same row in SQL).
    if (body.roles || body.tier) {
      await options.auth.accountStore?.updateAccount(tenantId, id, {
        ...(body.roles ? { roles: body.roles } : {}),
        ...(body.tier ? { tier: body.tier } : {}),
      });
    }
    await auditAdmin(c, options, { action: 'user.update', target: `user:${id}`, details: { ...body } });
    return c.json(user);
  });

  for (const [path, status] of [
    ['suspend', 'suspended'],
    ['reactivate', 'active'],
  ] as const) {
    app.post(`/users/:id/${path}`, async (c) => {
      const tenantId = c.var.principal.tenantId;
      const id = c.req.param('id');
      if (status === 'suspended') notSelf(c, id);
      const user = await directory().update(tenantId, id, { status });
      if (!user) throw notFound();
      await options.auth.accounts?.setStatus(tenantId, id, status);
      await auditAdmin(c, options, { action: `user.${path}`, target: `user:${id}` });
      return c.json(user);
    });
  }

  app.delete('/users/:id', async (c) => {
    const tenantId = c.var.principal.tenantId;
    const id = c.req.param('id');
    notSelf(c, id);
    if (!(await directory().get(tenantId, id))) throw notFound();
    const owner = { tenantId, userId: id };
    // Keys first, so nothing of theirs can act while the data goes.
    for (const key of (await options.auth.apiKeys?.list(tenantId, { userId: id })) ?? []) {
      if (key.revokedAt === null) await options.auth.apiKeys?.revoke(tenantId, key.id);
    }
    await options.auth.accounts?.setStatus(tenantId, id, 'suspended');
    const { conversations } = await options.engine.conversations.deleteAll(owner);
    await directory().delete(tenantId, id);
    await auditAdmin(c, options, { action: 'user.delete', target: `user:${id}`, details: { conversations } });
    return c.body(null, 204);
  });
  return app;
}
