import { useEffect, useState } from 'react';

/**
 * A tiny router. In a browser the screen is the path (/desk, /kiosk, /display); in Electron
 * the page is a file, so the screen is the hash (#/desk).
 */
const isFileProtocol = () => typeof window !== 'undefined' && window.location.protocol === 'file:';

export function currentPath(): string {
  if (isFileProtocol()) return window.location.hash.replace(/^#/, '') || '/';
  return window.location.pathname || '/';
}

export function navigate(path: string): void {
  if (isFileProtocol()) window.location.hash = path;
  else {
    window.history.pushState(null, '', path);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    window.addEventListener('popstate', update);
    window.addEventListener('hashchange', update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('hashchange', update);
    };
  }, []);
  return path;
}
