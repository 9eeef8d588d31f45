import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles.css';
import { ToastProvider } from './ui/toast';
import { SessionProvider } from './session';
import { DeskApp } from './app/DeskApp';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <ToastProvider>
      <SessionProvider>
        <DeskApp />
      </SessionProvider>
    </ToastProvider>
  </StrictMode>,
);
