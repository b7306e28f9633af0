// Writes small feed-forward ONNX graphs (dense layers, ReLU, softmax) without Python:
// the demo models and the tests' freshly generated models are both built here.
import { createRequire } from 'node:module';

const { onnx } = createRequire(import.meta.url)('onnx-proto') as typeof import('onnx-proto');

export interface DenseLayer {
  /** Row-major weights, `inputs × outputs`. */
  weights: Float32Array;
  bias: Float32Array;
  inputs: number;
  outputs: number;
  activation: 'relu' | 'softmax' | 'none';
}

export interface DenseGraph {
  name: string;
  inputName: string;
  outputName: string;
  layers: DenseLayer[];
  docString?: string;
}

const FLOAT = onnx.TensorProto.DataType.FLOAT;

function tensor(name: string, dims: number[], data: Float32Array) {
  return onnx.TensorProto.create({
    name,
    dims,
    dataType: FLOAT,
    rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  });
}

function valueInfo(name: string, width: number) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: FLOAT,
        shape: { dim: [{ dimParam: 'batch' }, { dimValue: width }] },
      },
    },
  });
}

/** Serialises a chain of dense layers as an ONNX model (opset 13, IR 8). */
export function denseGraphToOnnx(graph: DenseGraph): Uint8Array {
  const nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  const initializer: InstanceType<typeof onnx.TensorProto>[] = [];
  let current = graph.inputName;
  graph.layers.forEach((layer, i) => {
    const last = i === graph.layers.length - 1;
    const gemmOut = last && layer.activation === 'none' ? graph.outputName : `dense${i}`;
    initializer.push(tensor(`W${i}`, [layer.inputs, layer.outputs], layer.weights));
    initializer.push(tensor(`b${i}`, [layer.outputs], layer.bias));
    nodes.push(
      onnx.NodeProto.create({
        opType: 'Gemm',
        input: [current, `W${i}`, `b${i}`],
        output: [gemmOut],
        name: `gemm${i}`,
      }),
    );
    current = gemmOut;
    if (layer.activation === 'relu') {
      const out = last ? graph.outputName : `relu${i}`;
      nodes.push(onnx.NodeProto.create({ opType: 'Relu', input: [current], output: [out], name: `relu${i}` }));
      current = out;
    } else if (layer.activation === 'softmax') {
      const out = last ? graph.outputName : `softmax${i}`;
      nodes.push(
        onnx.NodeProto.create({
          opType: 'Softmax',
          input: [current],
          output: [out],
          name: `softmax${i}`,
          attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }],
        }),
      );
      current = out;
    }
  });
  const first = graph.layers[0];
  const last = graph.layers[graph.layers.length - 1];
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'permanet',
    producerVersion: '0.1.0',
    docString: graph.docString ?? '',
    graph: {
      name: graph.name,
      node: nodes,
      initializer,
      input: [valueInfo(graph.inputName, first.inputs)],
      output: [valueInfo(graph.outputName, last.outputs)],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/**
 * A model that never finishes: an ONNX Loop of `tripCount` iterations adding 1 to `x` (what an
 * attacker registers to stall a provider). Input `x` and output `y`, float32 [1].
 */
export function loopingGraphToOnnx(tripCount: bigint): Uint8Array {
  const scalar = (name: string, elemType: number, dims: number[]) =>
    onnx.ValueInfoProto.create({
      name,
      type: { tensorType: { elemType, shape: { dim: dims.map((dimValue) => ({ dimValue })) } } },
    });
  const BOOL = onnx.TensorProto.DataType.BOOL;
  const INT64 = onnx.TensorProto.DataType.INT64;
  const body = onnx.GraphProto.create({
    name: 'body',
    node: [
      onnx.NodeProto.create({ opType: 'Identity', input: ['cond_in'], output: ['cond_out'] }),
      onnx.NodeProto.create({ opType: 'Add', input: ['v_in', 'one'], output: ['v_out'] }),
    ],
    initializer: [tensor('one', [1], new Float32Array([1]))],
    input: [scalar('i', INT64, []), scalar('cond_in', BOOL, []), scalar('v_in', FLOAT, [1])],
    output: [scalar('cond_out', BOOL, []), scalar('v_out', FLOAT, [1])],
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'permanet',
    graph: {
      name: 'looping',
      node: [
        onnx.NodeProto.create({
          opType: 'Loop',
          input: ['trips', 'keep_going', 'x'],
          output: ['y'],
          attribute: [{ name: 'body', type: onnx.AttributeProto.AttributeType.GRAPH, g: body }],
        }),
      ],
      initializer: [
        onnx.TensorProto.create({ name: 'trips', dims: [], dataType: INT64, int64Data: [tripCount.toString()] }),
        onnx.TensorProto.create({ name: 'keep_going', dims: [], dataType: BOOL, int32Data: [1] }),
      ],
      input: [scalar('x', FLOAT, [1])],
      output: [scalar('y', FLOAT, [1])],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
