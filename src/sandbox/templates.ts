/** The blank document the sandbox offers: the smallest valid topology, with what to fill in. */
export const BLANK_TEMPLATE = `# A blank design. Describe your services, what each operation does, and the endpoints users
# call; the figures update as you type. Every field is documented on hover; Ctrl+Space completes.
name: My design
style: custom

workload:
  requests: 20000
  rate: 100 # user requests per second

services:
  web:
    replicas: 2
    operations:
      home:
        work: 1ms
        steps:
          - call: catalog.list
            timeout: 200ms
            retry: { attempts: 2 }
  catalog:
    operations:
      list:
        work: { dist: exponential, mean: 2ms }
        steps:
          - query: catalog-db

datastores:
  catalog-db: { owner: catalog }

endpoints:
  home: { operation: web.home }
`;
