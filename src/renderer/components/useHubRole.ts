import { useEffect, useState } from 'react';
import type { HubRole } from '../../shared/contract/sync';
import type { ApiClient } from '../api/client';
import { useApp } from '../app-context';

let asked: Promise<HubRole> | null = null;

function askRole(api: ApiClient): Promise<HubRole> {
  asked ??= api.call('sync.role', {}).then((r) => {
    if (r.ok) return r.data.role;
    asked = null; // ask again next time (hub unreachable for a moment)
    return 'site';
  });
  return asked;
}

/**
 * This hub's role (public `sync.role`), asked once per page: a provincial hub
 * (`--role province`) shows the receiving screen instead of the desk tabs. `null` while unknown.
 */
export function useHubRole(): HubRole | null {
  const { api } = useApp();
  const [role, setRole] = useState<HubRole | null>(null);
  useEffect(() => {
    let live = true;
    void askRole(api).then((r) => live && setRole(r));
    return () => {
      live = false;
    };
  }, [api]);
  return role;
}
