/**
 * The three cuts of the one shop: which process each module runs in, where each module's data
 * lives, and whether the services share one model library. Everything else (the business, the
 * design, the organisation, the resources) is decided elsewhere and held equal across cuts.
 */
import type { Style } from '../../model/types.ts';
import type { DataName, ModuleName } from './domain.ts';

export type CutName = 'monolith' | 'distributed-monolith' | 'microservices';

export interface Cut {
  readonly name: CutName;
  /** For a figure's legend or toggle: `Monolith`. */
  readonly label: string;
  /** The document's `name`. */
  readonly title: string;
  readonly style: Style;
  /** One sentence for the document's description. */
  readonly summary: string;
  /** The service (deployable process) a module runs in. */
  serviceOf(module: ModuleName): string;
  /** The datastore holding a module's data (or the external card processor). */
  datastoreOf(data: DataName): string;
  /** The service that owns a datastore. */
  ownerOf(datastore: string): string;
  /** A datastore every service queries has a nominal owner: this module's service. */
  readonly sharedOwner?: ModuleName;
  /** Every service is built with the one domain model library, `shop-models`. */
  readonly sharedModels: boolean;
}

/** Names of the microservices' own datastores (today's names, so other code keeps working). */
const OWN_DATASTORE: Partial<Record<ModuleName, string>> = {
  catalog: 'catalog-db',
  recommendations: 'recs-db',
  cart: 'cart-db',
  pricing: 'pricing-db',
  inventory: 'inventory-db',
  orders: 'orders-db',
  shipping: 'shipping-db',
};

function external(data: DataName): string | undefined {
  return data === 'card-processor' ? 'card-processor' : undefined;
}

/** The library every service of the monolith and the distributed monolith is built with. */
export const SHARED_MODELS = 'shop-models';

/** The one shared database of the monolith and the distributed monolith. */
export const SHARED_DB = 'shop-db';

const BY_NAME: Readonly<Record<CutName, Cut>> = {
  monolith: {
    name: 'monolith',
    label: 'Monolith',
    title: 'Shop, monolith',
    style: 'monolith',
    summary:
      'One process holds every module of the shop; modules call each other in process and share one database.',
    serviceOf: () => 'shop',
    datastoreOf: (data) => external(data) ?? SHARED_DB,
    ownerOf: () => 'shop',
    sharedModels: true,
  },
  'distributed-monolith': {
    name: 'distributed-monolith',
    label: 'Distributed monolith',
    title: 'Shop, distributed monolith',
    style: 'distributed-monolith',
    summary:
      "The monolith's modules became services, one each, but they still share one database and one model library.",
    serviceOf: (module) => module,
    datastoreOf: (data) => external(data) ?? SHARED_DB,
    ownerOf: (datastore) => (datastore === SHARED_DB ? 'orders' : 'payments'),
    sharedOwner: 'orders',
    sharedModels: true,
  },
  microservices: {
    name: 'microservices',
    label: 'Microservices',
    title: 'Shop, microservices',
    style: 'microservices',
    summary:
      'One service per module, as in the distributed monolith, but each service that keeps state owns its datastore and no model library is shared.',
    serviceOf: (module) => module,
    datastoreOf: (data) => {
      const name = external(data) ?? OWN_DATASTORE[data as ModuleName];
      if (name === undefined) throw new Error(`microservices: no datastore for ${data}`);
      return name;
    },
    ownerOf: (datastore) =>
      datastore === 'card-processor'
        ? 'payments'
        : (Object.entries(OWN_DATASTORE).find(([, d]) => d === datastore)?.[0] ?? 'unowned'),
    sharedModels: false,
  },
};

/** The cuts, in the order the essays introduce them. */
export const CUTS: readonly Cut[] = [
  BY_NAME.monolith,
  BY_NAME['distributed-monolith'],
  BY_NAME.microservices,
];

/** The cut of that name; throws, listing the cuts, for any other name. */
export function cutNamed(name: string): Cut {
  const found = CUTS.find((c) => c.name === name);
  if (found === undefined) {
    throw new RangeError(`unknown cut "${name}"; cuts are ${CUTS.map((c) => c.name).join(', ')}`);
  }
  return found;
}
