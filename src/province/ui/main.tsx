import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import './province.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ProvinceApp } from './ProvinceApp';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <ProvinceApp />
  </StrictMode>,
);
