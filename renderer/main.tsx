import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './ErrorBoundary';
import './styles/theme.css';
import './styles/base.css';
import './styles/panels.css';
import './styles/details.css';
import './styles/topology.css';
import './styles/reach.css';
import './styles/results.css';
import './styles/rollout.css';
import './styles/predict.css';

createRoot(document.getElementById('root')!).render(
  <ErrorBoundary>
    <App />
  </ErrorBoundary>,
);
