import { z } from 'zod';

/** Building blocks shared by several operations. */
export const emptyInput = z.object({}).strict();
export const isoInstant = z.iso.datetime({ offset: true });
export const idSchema = z.string().min(1).max(64);
export const roleSchema = z.enum(['admin', 'officer']);

export const publicUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: roleSchema,
  fullName: z.string(),
});
export type PublicUser = z.infer<typeof publicUserSchema>;

/** Usernames: letters, digits, dot, dash, underscore — what officers type at a login prompt. */
export const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/);

/** A password policy checked in the core (WEAK_PASSWORD), the schema only bounds the size. */
export const passwordSchema = z.string().min(1).max(200);
