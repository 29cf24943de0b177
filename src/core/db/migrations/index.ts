import type { Migration } from './migration';
import { m001Foundation } from './001-foundation';
import { m002Printing } from './002-printing';
import { m003Dossiers } from './003-dossiers';
import { m004Queue } from './004-queue';
import { m005Ratings } from './005-ratings';
import { m006Sync } from './006-sync';
import { m007Reports } from './007-reports';
import { m008ReportRollups } from './008-report-rollups';
import { m009Devices } from './009-devices';
import { m010AuditChain } from './010-audit-chain';
import { m011Apologies } from './011-apologies';
import { m012Idempotency } from './012-idempotency';
import { m013PublicAddress } from './013-public-address';
import { m014Files } from './014-files';
import { m016SettledClass } from './016-settled-class';
import { m017ScanFolder } from './017-scan-folder';
import { m018DropOldReceiver } from './018-drop-old-receiver';

export type { Migration } from './migration';

/**
 * Numbered migrations. Released schema only grows: never edit a released migration, add a
 * new one; new columns are nullable or have defaults.
 */
export const migrations: readonly Migration[] = [
  m001Foundation,
  m002Printing,
  m003Dossiers,
  m004Queue,
  m005Ratings,
  m006Sync,
  m007Reports,
  m008ReportRollups,
  m009Devices,
  m010AuditChain,
  m011Apologies,
  m012Idempotency,
  m013PublicAddress,
  m014Files,
  m016SettledClass,
  m017ScanFolder,
  m018DropOldReceiver,
];
