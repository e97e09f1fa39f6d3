import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './styles.css';

const root = document.getElementById('root')!;
// the server pre-rendered public pages for a fast first paint; the app takes the container over from here
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
