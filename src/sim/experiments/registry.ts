// Every experiment `npm run sim` knows (DESIGN.md §9).
import type { OverlayExperiment } from '../overlays/experiment.ts';
import { churn } from './churn.ts';
import compare from './compare.ts';
import { durability } from './durability.ts';
import { failures } from './failures.ts';
import hotspots from './hotspots.ts';
import { load } from './load.ts';
import { merge } from './merge.ts';
import { paths } from './paths.ts';
import overlayDocs from '../plot/write-overlay-docs.ts';
import { safety } from './safety.ts';
import { scale } from './scale.ts';
import { tabLinks } from './tab-links.ts';
import unstructured from './unstructured.ts';

export const experiments: readonly OverlayExperiment[] = [paths, failures, churn, load, safety, scale, merge, tabLinks, unstructured, compare, hotspots, durability, overlayDocs];
