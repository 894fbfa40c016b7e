// Says which Node runs the build, and stops early on the wrong one: Astro 7 needs Node 24,
// which the project installs itself (the `node` devDependency) whatever the system has.
const major = Number(process.versions.node.split('.')[0]);
console.log(`Lockstep: running on Node ${process.version} (${process.execPath})`);
if (major !== 24) {
  console.error(
    `Lockstep needs Node 24 but this is ${process.version}. Run through npm (npm start, npm run build, npm test),\n` +
      'which puts the project’s own Node 24 from node_modules/.bin first on the PATH; run `npm install` first if it is missing.',
  );
  process.exit(1);
}
