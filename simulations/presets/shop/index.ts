/**
 * The shop, described once: its business, three cuts, five design choices, an organisation and
 * equal resources, as topology documents (a plain object, or YAML text with comments). Runs
 * anywhere: no framework, no DOM, no Node built-ins.
 *
 *   shopYaml({ cut: 'microservices', design: { parallel: true } })
 */
import { parseTopology } from '../../model/parse.ts';
import type { Model } from '../../model/types.ts';
import { type ShopOptions, shopTree } from './document.ts';
import { type Plain, toPlain, writeYaml } from './yamlText.ts';

export { CUTS, type Cut, type CutName, cutNamed } from './cuts.ts';
export {
  DEFAULT_DESIGN,
  DESIGN_CHOICES,
  type Design,
  type DesignChoice,
  type DesignChoiceInfo,
  shopPlan,
} from './design.ts';
export { designSentence, type ShopOptions } from './document.ts';
export { DEFAULT_ORGANISATION, type Organisation } from './organisation.ts';
export { demandOf, type Sizing, sizeCut } from './sizing.ts';

/** The shop document for a cut, a design and an organisation, as the plain object YAML reads. */
export function shopDocument(options: ShopOptions): { readonly [key: string]: Plain } {
  return toPlain(shopTree(options).doc) as { readonly [key: string]: Plain };
}

/** The same document as YAML text, with comments that explain it. */
export function shopYaml(options: ShopOptions): string {
  const { header, doc } = shopTree(options);
  return writeYaml(doc, header);
}

/** The same document parsed into a `Model`; throws if the parser refuses it (a bug here). */
export function shopModel(options: ShopOptions): Model {
  const result = parseTopology(shopYaml(options), { file: `${options.cut}.yaml` });
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.model;
}
