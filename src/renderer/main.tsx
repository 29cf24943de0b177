import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AppProvider } from './app-context';
import { QueryProvider } from './api/query';
import { adoptDeviceTokenFromUrl } from './api/deviceToken';

adoptDeviceTokenFromUrl(); // `?device=<token>`: pair this screen, then hide the token

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <AppProvider>
      <QueryProvider>
        <App />
      </QueryProvider>
    </AppProvider>
  </StrictMode>,
);
