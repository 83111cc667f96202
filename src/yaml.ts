// The yaml package, behind one module: imported dynamically (only runs that read YAML pay for it), and
// named statically so the bundler's CommonJS interop gives real named exports.
export { parse, parseDocument, stringify, isMap, isSeq, isScalar, isPair, isAlias, LineCounter, YAMLParseError } from 'yaml';
