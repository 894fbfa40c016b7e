/** Components for essay authors, imported in MDX: `import { SimulationFigure } from '../src/components.ts';` */

export { default as DeployTimeline } from './components/user/DeployTimeline.astro';
export { default as DesignFigure } from './components/user/DesignFigure.astro';
export { default as LoadSweepFigure } from './components/user/LoadSweepFigure.astro';
export { default as SimulationFigure } from './components/user/SimulationFigure.astro';
export { default as StateMachineFigure } from './components/user/StateMachineFigure.astro';
