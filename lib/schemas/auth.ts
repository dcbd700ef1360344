import { z } from 'zod';

export const emailSchema = z.string().trim().toLowerCase().email('Enter a valid email address');
export const passwordSchema = z
  .string()
  .min(10, 'Use at least 10 characters')
  .max(200, 'Use at most 200 characters');

export const signUpInput = z.object({
  name: z.string().trim().min(1, 'Tell us your name').max(100),
  email: emailSchema,
  password: passwordSchema,
  orgName: z.string().trim().min(2, 'Organization name needs at least 2 characters').max(80).optional(),
  inviteToken: z.string().min(10).optional(),
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const signInInput = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Enter your password'),
});
