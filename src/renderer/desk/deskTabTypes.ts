import type { OutputOf } from '../../shared/contract';

// What every desk tab receives. Kept apart from deskTabs.tsx (the list of tabs, which
// imports every tab) so that a tab can name its props without importing that list back.

export type Site = OutputOf<'site.get'>;

export interface DeskTabProps {
  site: Site;
  onSiteChanged(site: Site): void;
}
