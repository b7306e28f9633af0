// The trusted setup of every provable model, offline and from scratch:
//   1. the circuit, generated from the int8 model (circuits/generate-mlp-circuit.ts)
//   2. compiled with circom 2 (the npm package circom2, WebAssembly), --O2
//   3. phase 1: a powers-of-tau ceremony just big enough for the circuit, with this project's
//      contribution (fresh random entropy), prepared for phase 2
//   4. phase 2: the circuit's key and this project's contribution
//   5. the verification key and the Solidity verifier exported from the final key
// It writes the artifacts the app and the relay use (the witness .wasm, the .zkey, the
// verification key), the verifier contract, and artifacts.json with their hashes and the
// ceremony's transcript. Running it again gives a different, equally valid key (the entropy is
// fresh and thrown away). The keys are sound as long as one contribution in each phase was random
// and destroyed; here that is this project's own, so a user who wants more adds theirs
// (`snarkjs zkey contribute`) and publishes the new key and verifier. No randomness beacon is
// applied: none can be fetched offline, and one adds no secrecy. CI does not rerun the setup; it
// checks that the committed artifacts agree with each other and with the model
// (circuits/artifacts.test.ts).
// The key depends only on the circuit's constraints: when the compiled R1CS is the one the
// committed key was made for (its SHA-256 is in artifacts.json), the key is kept and only the
// witness generator is replaced (a change to how witness code is written, say); --new-key forces
// a new ceremony.
//   node circuits/setup.ts [--new-key]    (a new key takes ~11 min: preparing phase 2 dominates)
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { QuantizedMlp } from '@permanet/core/proving/quantized-mlp';
import { generateMlpCircuit } from './generate-mlp-circuit.ts';
import { verifierContract } from './verifier-contract.ts';
import { provableModels, root } from './provable-models.ts';

const build = join(root, 'circuits', '.build');

const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const run = (command: string, args: string[]) =>
  execFileSync(bin(command), args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
/**
 * The hash snarkjs prints after a contribution (four lines of hex): "Contribution Response Hash imported" in phase 1,
 * "Contribution Hash" in phase 2.
 */
const contributionHash = (log: string) => {
  const lines = log.split('\n');
  const at = lines.findIndex((l) => /Contribution (Response )?Hash/.test(l));
  return at < 0
    ? null
    : lines
        .slice(at + 1, at + 5)
        .map((l) => l.replace(/^.*?\]\s*/, '').replace(/\s+/g, ''))
        .join('');
};

/** Each file's path, size and SHA-256, as artifacts.json records them. */
const fileRecords = (files: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(files).map(([name, path]) => [
      name,
      { path, bytes: statSync(join(root, path)).size, sha256: sha256(join(root, path)) },
    ]),
  );

mkdirSync(build, { recursive: true });
for (const model of provableModels) {
  const started = performance.now();
  const base = basename(model.dir);
  const circom = join(model.dir, `${base}.circom`);
  const quantized = JSON.parse(readFileSync(join(root, model.quantized), 'utf8')) as QuantizedMlp;
  writeFileSync(join(root, circom), generateMlpCircuit(quantized, model.template));

  // circom2 runs under WASI with the working directory as its file system: relative paths only.
  const out = join('circuits', '.build', base);
  rmSync(join(root, out), { recursive: true, force: true });
  mkdirSync(join(root, out), { recursive: true });
  const compiled = run('circom2', [circom, '--r1cs', '--wasm', '--O2', '-l', 'node_modules', '-o', out]);
  const constraints =
    Number(/non-linear constraints: (\d+)/.exec(compiled)![1]) +
    Number(/linear constraints: (\d+)/.exec(compiled.replace(/non-linear constraints: \d+/, ''))![1]);
  const publicSignals =
    Number(/public outputs: (\d+)/.exec(compiled)![1]) + Number(/public inputs: (\d+)/.exec(compiled)![1]);
  // Groth16 needs a domain of at least constraints + public signals + 1.
  const power = Math.max(8, Math.ceil(Math.log2(constraints + publicSignals + 1)));
  console.log(`${model.name}: ${constraints} constraints, ${publicSignals} public signals → powers of tau 2^${power}`);

  const r1cs = join(out, `${base}.r1cs`);
  const previous = existsSync(join(root, model.dir, 'artifacts.json'))
    ? JSON.parse(readFileSync(join(root, model.dir, 'artifacts.json'), 'utf8'))
    : null;
  const artifacts = {
    wasm: join(model.dir, `${base}.wasm`),
    zkey: join(model.dir, `${base}.zkey`),
    verificationKey: join(model.dir, 'verification_key.json'),
    verifier: join('contracts', 'proving', `${model.verifier}.sol`),
  };
  const r1csHash = sha256(join(root, r1cs));
  if (!process.argv.includes('--new-key') && previous?.r1cs === r1csHash && existsSync(join(root, artifacts.zkey))) {
    copyFileSync(join(root, out, `${base}_js`, `${base}.wasm`), join(root, artifacts.wasm));
    writeFileSync(
      join(root, model.dir, 'artifacts.json'),
      `${JSON.stringify({ ...previous, files: fileRecords({ circuit: circom, ...artifacts }) }, null, 2)}\n`,
    );
    console.log(`${model.name}: same constraints as the committed key; kept it, replaced the witness generator`);
    continue;
  }
  const ptau = (step: string) => join('circuits', '.build', `pot${power}_${step}.ptau`);
  const phase1: string[] = [];
  if (!existsSync(join(root, ptau('final')))) {
    run('snarkjs', ['powersoftau', 'new', 'bn128', String(power), ptau('0000')]);
    phase1.push(
      contributionHash(
        run('snarkjs', [
          'powersoftau',
          'contribute',
          ptau('0000'),
          ptau('0001'),
          '--name=PermaNet phase 1',
          `-e=${randomBytes(32).toString('hex')}`,
        ]),
      )!,
    );
    run('snarkjs', ['powersoftau', 'prepare', 'phase2', ptau('0001'), ptau('final')]);
  }
  const zkey = (step: string) => join(out, `${base}_${step}.zkey`);
  run('snarkjs', ['groth16', 'setup', r1cs, ptau('final'), zkey('0000')]);
  const phase2 = contributionHash(
    run('snarkjs', [
      'zkey',
      'contribute',
      zkey('0000'),
      zkey('final'),
      '--name=PermaNet phase 2',
      `-e=${randomBytes(32).toString('hex')}`,
    ]),
  )!;
  const vk = join(out, 'verification_key.json');
  run('snarkjs', ['zkey', 'export', 'verificationkey', zkey('final'), vk]);
  const solidity = join(out, 'verifier.sol');
  run('snarkjs', ['zkey', 'export', 'solidityverifier', zkey('final'), solidity]);

  copyFileSync(join(root, out, `${base}_js`, `${base}.wasm`), join(root, artifacts.wasm));
  copyFileSync(join(root, zkey('final')), join(root, artifacts.zkey));
  copyFileSync(join(root, vk), join(root, artifacts.verificationKey));
  mkdirSync(join(root, 'contracts', 'proving'), { recursive: true });
  writeFileSync(join(root, artifacts.verifier), verifierContract(readFileSync(join(root, solidity), 'utf8'), model));

  const record = {
    model: model.name,
    constraints,
    publicSignals,
    power,
    r1cs: r1csHash,
    files: fileRecords({ circuit: circom, ...artifacts }),
    ceremony: {
      // A prepared phase 1 reused from an earlier run keeps that run's contribution hash.
      phase1: phase1.length ? phase1 : (previous?.ceremony.phase1 ?? []),
      phase2: [phase2],
    },
  };
  writeFileSync(join(root, model.dir, 'artifacts.json'), `${JSON.stringify(record, null, 2)}\n`);
  console.log(
    `${model.name}: setup done in ${((performance.now() - started) / 1000).toFixed(0)} s; wrote ` +
      `${Object.values(artifacts).join(', ')}`,
  );
}
