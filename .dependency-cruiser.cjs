/** Dependencies point one way: server → bots → flows / channels / integrations → core. No cycles. */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    { name: 'core-imports-nothing-of-ours', severity: 'error', from: { path: '^core/' }, to: { path: '^(bots|channels|flows|integrations|server|scripts|test)/' } },
    { name: 'flows-only-core', severity: 'error', from: { path: '^flows/' }, to: { path: '^(bots|channels|integrations|server|scripts|test)/' } },
    { name: 'channels-only-core', severity: 'error', from: { path: '^channels/' }, to: { path: '^(bots|flows|integrations|server|scripts|test)/' } },
    { name: 'integrations-only-core', severity: 'error', from: { path: '^integrations/' }, to: { path: '^(bots|channels|flows|server|scripts|test)/' } },
    { name: 'bots-not-server', severity: 'error', from: { path: '^bots/' }, to: { path: '^(server|scripts|test)/' } },
    { name: 'nothing-imports-scripts-or-tests', severity: 'error', from: { pathNot: '^(scripts|test)/' }, to: { path: '^(scripts|test)/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(node_modules|dist|data)' },
  },
};
