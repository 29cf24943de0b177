import { z } from 'zod';
import { defineOperation } from './operation';
import {
  emptyInput,
  idSchema,
  isoInstant,
  passwordSchema,
  publicUserSchema,
  roleSchema,
  usernameSchema,
} from './common';

export const userSummarySchema = publicUserSchema.extend({
  active: z.boolean(),
  lockedUntil: isoInstant.nullable(),
  createdAt: isoInstant,
});

export const authOperations = {
  login: defineOperation({
    name: 'auth.login',
    method: 'POST',
    path: '/auth/login',
    role: 'public',
    summary: 'Sign in; returns a bearer token',
    input: z
      .object({ username: z.string().trim().min(1).max(64), password: passwordSchema })
      .strict(),
    output: z.object({ token: z.string(), expiresAt: isoInstant, user: publicUserSchema }),
    rateLimit: { perMinute: 30 },
  }),
  logout: defineOperation({
    name: 'auth.logout',
    method: 'POST',
    path: '/auth/logout',
    role: 'officer',
    summary: 'End the current session',
    input: emptyInput,
    output: z.null(),
    successStatus: 204,
  }),
  me: defineOperation({
    name: 'auth.me',
    method: 'GET',
    path: '/auth/me',
    role: 'officer',
    summary: 'The signed-in user',
    input: emptyInput,
    output: publicUserSchema,
  }),
  usersList: defineOperation({
    name: 'users.list',
    method: 'GET',
    path: '/users',
    role: 'admin',
    summary: 'All accounts',
    input: emptyInput,
    output: z.array(userSummarySchema),
  }),
  usersCreate: defineOperation({
    name: 'users.create',
    method: 'POST',
    path: '/users',
    role: 'admin',
    summary: 'Add an account',
    input: z
      .object({
        username: usernameSchema,
        fullName: z.string().trim().min(1).max(120),
        role: roleSchema,
        password: passwordSchema,
      })
      .strict(),
    output: userSummarySchema,
    successStatus: 201,
  }),
  usersUpdate: defineOperation({
    name: 'users.update',
    method: 'PATCH',
    path: '/users/{id}',
    role: 'admin',
    summary: 'Change an account: name, role, active, password, unlock',
    input: z
      .object({
        id: idSchema,
        fullName: z.string().trim().min(1).max(120).optional(),
        role: roleSchema.optional(),
        active: z.boolean().optional(),
        password: passwordSchema.optional(),
        unlock: z.literal(true).optional(),
      })
      .strict(),
    output: userSummarySchema,
  }),
} as const;
