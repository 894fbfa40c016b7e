/**
 * Hand-built shops for the analyses' tests: the three styles in miniature, with known answers.
 * (The YAML presets get their own tests; these keep the analyses testable on their own.)
 */
import type { Model } from '../../model/types.ts';
import { buildModel, call, parallel, publish, query } from './modelBuilder.ts';

/**
 * Four services of two teams sharing `shop-db` and `shop-models`; checkout calls orders three
 * times and orders calls payments synchronously; recommendations is optional for browse.
 */
export function distributedMonolithShop(overrides: Partial<Model['organization']> = {}): Model {
  return buildModel({
    name: 'distributed monolith',
    libraries: { 'shop-models': 'model' },
    datastores: { 'shop-db': {} },
    services: {
      gateway: {
        team: 'storefront',
        libraries: ['shop-models'],
        operations: {
          checkout: [call('orders.create', { times: 3 }), query('shop-db')],
          browse: [query('shop-db'), call('recommendations.list', { optional: true })],
        },
      },
      orders: {
        team: 'orders',
        libraries: ['shop-models'],
        operations: { create: [query('shop-db', { times: 2 }), call('payments.charge')] },
      },
      payments: {
        team: 'orders',
        libraries: ['shop-models'],
        operations: { charge: [query('shop-db')] },
      },
      recommendations: {
        team: 'storefront',
        operations: { list: [query('shop-db')] },
      },
    },
    endpoints: { checkout: ['gateway.checkout', 20], browse: ['gateway.browse', 80] },
    organization: overrides,
  });
}

/** Services with their own datastores; orders publishes `order-placed` to shipping. */
export function microservicesShop(): Model {
  return buildModel({
    name: 'microservices',
    datastores: {
      'orders-db': { owner: 'orders' },
      'catalog-db': { owner: 'catalog' },
      'shipping-db': { owner: 'shipping' },
    },
    events: {
      'order-placed': {
        publisher: 'orders',
        consumers: ['shipping.schedule'],
        fields: { orderId: { type: 'string', required: true } },
      },
    },
    services: {
      gateway: {
        team: 'storefront',
        operations: {
          checkout: [call('orders.create')],
          browse: [parallel([call('catalog.list'), call('orders.recent', { optional: true })])],
        },
      },
      orders: {
        team: 'orders',
        operations: {
          create: [query('orders-db'), publish('order-placed')],
          recent: [query('orders-db')],
        },
      },
      catalog: { team: 'catalog', operations: { list: [query('catalog-db')] } },
      shipping: { team: 'shipping', operations: { schedule: [query('shipping-db')] } },
    },
    endpoints: { checkout: ['gateway.checkout', 20], browse: ['gateway.browse', 80] },
  });
}

/** One service, one datastore, modules calling each other in-process. */
export function monolithShop(): Model {
  return buildModel({
    name: 'monolith',
    datastores: { db: {} },
    libraries: { models: 'model' },
    services: {
      shop: {
        team: 'shop',
        libraries: ['models'],
        operations: {
          checkout: [call('shop.createOrder'), query('db')],
          createOrder: [query('db', { times: 2 })],
          browse: [query('db')],
        },
      },
    },
    endpoints: { checkout: ['shop.checkout', 20], browse: ['shop.browse', 80] },
  });
}
