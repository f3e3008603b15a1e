// Stand-in for dist/hook/hook.js in the unit and integration tiers, which synthesize stacks
// without a build: the asset file must exist, and nothing in those tiers runs it.
process.stderr.write("error: this is the tests' stand-in hook; run `npm run build` for the real one\n");
process.exit(1);
