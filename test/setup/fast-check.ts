// Property tests explore new random cases on every developer run, but CI uses one fixed seed so a rare
// counterexample shows up as a reproducible failure on someone's machine, not as a flaky CI run.
// FC_SEED=<n> reproduces a failure anywhere (fast-check prints the seed).
import fc from 'fast-check';

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20261128 : undefined;
if (seed !== undefined) fc.configureGlobal({ seed });
