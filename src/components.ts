/** Components for essay authors, imported in MDX: `import { SimulationFigure } from '../src/components.ts';` */
export { default as SimulationFigure } from './components/user/SimulationFigure.astro';
