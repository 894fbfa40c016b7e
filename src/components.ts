/** Components for essay authors, imported in MDX: `import { SimulationFigure } from '../src/components.ts';` */

export { default as BlastRadiusTable } from './components/user/BlastRadiusTable.astro';
export { default as BreakerRunFigure } from './components/user/BreakerRunFigure.astro';
export { default as ChainFigure } from './components/user/ChainFigure.astro';
export { default as DeployTimeline } from './components/user/DeployTimeline.astro';
export { default as DesignFigure } from './components/user/DesignFigure.astro';
export { default as DuplicatesFigure } from './components/user/DuplicatesFigure.astro';
export { default as EventChangeExplorer } from './components/user/EventChangeExplorer.astro';
export { default as FanoutFigure } from './components/user/FanoutFigure.astro';
export { default as LoadSweepFigure } from './components/user/LoadSweepFigure.astro';
export { default as LockstepGroups } from './components/user/LockstepGroups.astro';
export { default as MetastabilityMap } from './components/user/MetastabilityMap.astro';
export { default as Num } from './components/user/Num.astro';
export { default as PoolFigure } from './components/user/PoolFigure.astro';
export { default as Predict } from './components/user/Predict.astro';
export { default as ReleaseNum } from './components/user/ReleaseNum.astro';
export { default as Scene } from './components/user/Scene.astro';
export { default as ScorecardExplorer } from './components/user/ScorecardExplorer.astro';
export { default as SimulationFigure } from './components/user/SimulationFigure.astro';
export { default as StateMachineFigure } from './components/user/StateMachineFigure.astro';
export { default as Term } from './components/user/Term.astro';
export { default as Theory } from './components/user/Theory.astro';
export { default as TraceFigure } from './components/user/TraceFigure.astro';
export { default as WorkflowFigure } from './components/user/WorkflowFigure.astro';
