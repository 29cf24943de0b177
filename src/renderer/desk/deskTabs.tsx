import type { ReactNode } from 'react';
import type { MessageKey } from '../../shared/i18n';
import { AdminPanel } from './AdminPanel';
import { DevicesTab } from './DevicesTab';
import { OverviewTab } from './OverviewTab';
import { CalendarTab } from './dossiers/CalendarTab';
import { CatalogTab } from './dossiers/CatalogTab';
import { DossiersTab } from './dossiers/DossiersTab';
import { ReceptionTab } from './dossiers/ReceptionTab';
import { ReturnTab } from './dossiers/ReturnTab';
import { CounterTab } from './queue/CounterTab';
import { QueueAdminTab } from './queue/QueueAdminTab';
import { PrintersTab } from './printing/PrintersTab';
import { ReportsTab } from './reports/ReportsTab';
import { SyncBackupTab } from './sync/SyncBackupTab';
import type { DeskTabProps } from './deskTabTypes';

export type { DeskTabProps, Site } from './deskTabTypes';

/**
 * The officer desk is a set of tabs, each a feature's screen. Alt+<key> switches tabs.
 * A feature adds its screen by adding one entry here.
 */
export interface DeskTab {
  id: string;
  label: MessageKey;
  /** Alt+key shortcut (a digit or letter). */
  key: string;
  adminOnly?: boolean;
  render(props: DeskTabProps): ReactNode;
}

export const DESK_TABS: DeskTab[] = [
  { id: 'overview', label: 'desk.tab.overview', key: '1', render: (p) => <OverviewTab {...p} /> },
  { id: 'queue', label: 'queue.tab', key: '2', render: () => <CounterTab /> },
  { id: 'reception', label: 'dossier.tab.reception', key: '3', render: () => <ReceptionTab /> },
  { id: 'dossiers', label: 'dossier.tab.list', key: '4', render: () => <DossiersTab /> },
  { id: 'return', label: 'dossier.tab.return', key: '5', render: () => <ReturnTab /> },
  { id: 'calendar', label: 'calendar.tab', key: '6', render: () => <CalendarTab /> },
  { id: 'catalog', label: 'catalog.tab', key: '7', adminOnly: true, render: () => <CatalogTab /> },
  { id: 'reports', label: 'reports.title', key: 'r', render: () => <ReportsTab /> },
  { id: 'printers', label: 'printing.title', key: '8', render: () => <PrintersTab /> },
  {
    id: 'queue-admin',
    label: 'queue.admin.tab',
    key: 'q',
    adminOnly: true,
    render: () => <QueueAdminTab />,
  },
  { id: 'sync', label: 'sync.tab', key: '0', adminOnly: true, render: () => <SyncBackupTab /> },
  { id: 'devices', label: 'devices.tab', key: 'b', adminOnly: true, render: () => <DevicesTab /> },
  {
    id: 'admin',
    label: 'nav.admin',
    key: '9',
    adminOnly: true,
    render: (p) => <AdminPanel site={p.site} onSiteSaved={p.onSiteChanged} />,
  },
];
