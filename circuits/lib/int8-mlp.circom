pragma circom 2.1.0;

// Building blocks of an int8 multilayer perceptron proved with Groth16. The weights are constants
// of the generated circuit (circuits/generate-mlp-circuit.ts), so the layers' multiply-adds are
// linear combinations and cost no constraints; what costs is the range check of each input, the
// ReLU and requantization of each hidden unit, and the Poseidon commitment to the input.
// The reference these must match bit for bit is src/proving/quantized-mlp.ts.

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";
include "circomlib/circuits/poseidon.circom";

// An int8 value: x + 128 must fit in 8 bits, so an x outside [-128, 127] has no witness.
template Int8() {
    signal input in;
    component bits = Num2Bits(8);
    bits.in <== in + 128;
}

// The constant 1 as a signal: out² = out makes it 0 or 1, out² = 1 rules out 0.
template One() {
    signal output out;
    out <-- 1;
    out * out === out;
    out * out === 1;
}

// A linear combination as a signal of its own: out · one = in. The combination's terms stay on the
// C side of this one constraint, which costs the prover nothing (Groth16 provers compute C from A
// and B). Left as a plain linear constraint, circom's O2 substitutes the combination into the A and
// B of whatever constraint uses it next (for an accumulator, a bit check of its decomposition):
// twice per unit, ~1,600 terms for a 784-input unit, two thirds of the prover's "building ABC".
template Pinned() {
    signal input in;
    signal input one;
    signal output out;
    out <-- in;
    out * one === in;
}

// ReLU, then requantization to int8 of an accumulator `acc` with |acc · multiplier| + 2^(shift-1) < 2^bits:
//   out = acc <= 0 ? 0 : min(127, floor((acc · multiplier + 2^(shift-1)) / 2^shift)).
// One bit decomposition gives all of it: t = acc · multiplier + 2^(shift-1) + 2^bits is below
// 2^(bits+1); its top bit says whether the rounded value is non-negative, bits shift.. are the
// quotient, and any quotient bit from the 8th up means the value clamps to 127.
template ReluRequantize(multiplier, shift, bits) {
    signal input acc;
    signal output out;
    assert(shift + 7 <= bits);

    component t = Num2Bits(bits + 1);
    t.in <== acc * multiplier + (1 << (shift - 1)) + (1 << bits);

    var low = 0;
    for (var k = 0; k < 7; k++) low += t.out[shift + k] * (1 << k);
    var high = 0;
    for (var k = shift + 7; k < bits; k++) high += t.out[k];
    component noOverflow = IsZero();
    noOverflow.in <== high;
    // 127 when the quotient is 128 or more, else its low 7 bits.
    signal clamped <== 127 + noOverflow.out * (low - 127);
    out <== t.out[bits] * clamped;
}

// A Poseidon commitment to n int8 values and a secret salt: 31 values are packed (as x + 128,
// one byte each) into every field element, and the elements are hashed in a chain,
// h = Poseidon(salt, e0..e14), then h = Poseidon(h, e15..e29), ... Packing is linear, so it costs
// nothing; the values must be range-checked elsewhere for the packing to be unambiguous.
template Int8Commitment(n) {
    signal input values[n];
    signal input salt;
    signal output out;

    var PER_ELEMENT = 31;
    var PER_HASH = 15;
    var elements = (n + PER_ELEMENT - 1) \ PER_ELEMENT;
    var hashes = (elements + PER_HASH - 1) \ PER_HASH;

    signal packed[elements];
    for (var e = 0; e < elements; e++) {
        var lc = 0;
        for (var m = 0; m < PER_ELEMENT && e * PER_ELEMENT + m < n; m++) lc += (values[e * PER_ELEMENT + m] + 128) * (1 << (8 * m));
        packed[e] <== lc;
    }

    component chain[hashes];
    for (var h = 0; h < hashes; h++) {
        var size = elements - h * PER_HASH < PER_HASH ? elements - h * PER_HASH : PER_HASH;
        chain[h] = Poseidon(size + 1);
        if (h == 0) {
            chain[h].inputs[0] <== salt;
        } else {
            chain[h].inputs[0] <== chain[h - 1].out;
        }
        for (var k = 0; k < size; k++) chain[h].inputs[k + 1] <== packed[h * PER_HASH + k];
    }
    out <== chain[hashes - 1].out;
}
