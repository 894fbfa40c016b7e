/**
 * Adds a visible "#" link to every h2/h3 that has an id, so readers (and speakers pointing
 * an audience at a section) can copy a link to it. Astro assigns the ids before rehype
 * plugins run. Kept dependency-free: the tree walk is ten lines.
 */
export function rehypeHeadingAnchors() {
  /** @param {{ type: string, tagName?: string, properties?: Record<string, unknown>, children?: unknown[] }} node */
  const visit = (node) => {
    if (node.type === 'element' && (node.tagName === 'h2' || node.tagName === 'h3')) {
      const id = node.properties?.id;
      if (typeof id === 'string' && node.children) {
        node.children.push({
          type: 'element',
          tagName: 'a',
          properties: {
            className: ['heading-anchor'],
            href: `#${id}`,
            ariaLabel: 'Link to this section',
          },
          children: [{ type: 'text', value: '#' }],
        });
      }
    }
    for (const child of node.children ?? []) visit(/** @type {any} */ (child));
  };
  return visit;
}
