import type { z } from 'zod';
import { authOperations } from './auth';
import { backupOperations } from './backup';
import { calendarOperations } from './calendar';
import { catalogOperations } from './catalog';
import { deviceOperations } from './devices';
import { dossierOperations } from './dossiers';
import { fileOperations } from './files';
import { kioskOperations } from './kiosk';
import type { Operation } from './operation';
import { printingOperations } from './printing';
import { queueOperations } from './queue';
import { ratingOperations } from './ratings';
import { reportOperations } from './reports';
import { scanFolderOperations } from './scanFolder';
import { syncOperations } from './sync';
import { systemOperations } from './system';

/**
 * THE contract: every operation the product offers, keyed by its name. Add a feature's
 * operations by adding its group here; IPC, preload, HTTP, OpenAPI and the client follow.
 */
const groups = {
  ...systemOperations,
  ...authOperations,
  ...printingOperations,
  ...queueOperations,
  ...ratingOperations,
  ...kioskOperations,
  ...catalogOperations,
  ...calendarOperations,
  ...dossierOperations,
  ...fileOperations,
  ...reportOperations,
  ...syncOperations,
  ...backupOperations,
  ...deviceOperations,
  ...scanFolderOperations,
};

type Groups = typeof groups;
export type Contract = { [K in keyof Groups as Groups[K]['name']]: Groups[K] };
export type OpName = keyof Contract;
export type InputOf<N extends OpName> = z.input<Contract[N]['input']>;
export type ParsedInputOf<N extends OpName> = z.output<Contract[N]['input']>;
export type OutputOf<N extends OpName> = z.output<Contract[N]['output']>;

export const contract = Object.fromEntries(
  Object.values(groups).map((op) => [op.name, op]),
) as unknown as Contract;

export const operationList: readonly Operation[] = Object.values(groups);
export const operationNames = operationList.map((op) => op.name) as OpName[];

export function getOperation(name: string): Operation | undefined {
  return (contract as unknown as Record<string, Operation | undefined>)[name];
}

export * from './operation';
export * from './errors';
export * from './common';
export * from './events';
export {
  bankAccountSchema,
  publicUrlSchema,
  siteSchema,
  type BankAccount,
  type Site,
} from './system';
export { userSummarySchema } from './auth';
export * from './printing';
