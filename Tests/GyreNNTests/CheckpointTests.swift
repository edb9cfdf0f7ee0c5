import XCTest
import Foundation
import GyreTensor
import GyreAutodiff
@testable import GyreNN

final class CheckpointTests: XCTestCase {
    var url: URL!
    override func setUp() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("gyre-ckpt-\(UUID().uuidString).safetensors")
    }
    override func tearDown() { try? FileManager.default.removeItem(at: url) }

    func model(seed: UInt64) -> ModuleDict {
        ModuleDict([("encoder", SmallCNN(widths: [4, 6, 8], batchNorm: true, seed: seed)),
                    ("critic", ProjectionHead(inputDim: 8, projectionDim: 5, seed: seed + 1))])
    }

    func trainStep(_ m: Module, _ opt: Optimizer, _ x: Tensor) throws {
        let z = try m.children[1].module(m.children[0].module(Variable(x)))
        try opt.step(loss: (z * z).mean())
    }

    /// Save after two steps, keep training; a fresh model loaded from the file and trained
    /// the same way ends bit-identical (parameters, buffers and optimiser state).
    func testRoundTripAndExactResume() throws {
        var rng = RandomStream(seed: 0)
        let batches = (0..<4).map { _ in rng.normal([4, 3, 8, 8]) }
        let a = model(seed: 1)
        let optA = LARS(a.namedParameters(), learningRate: 0.3)
        for x in batches[0..<2] { try trainStep(a, optA, x) }
        try Checkpoint.save(model: a, optimizer: optA,
                            metadata: ["history": try Checkpoint.json(["loss": [0.5, 0.25]]), "config": #"{"lr":0.3}"#], to: url)
        for x in batches[2...] { try trainStep(a, optA, x) }

        let b = model(seed: 99)
        let optB = LARS(b.namedParameters(), learningRate: 0.3)
        let meta = try Checkpoint.load(from: url, into: b, optimizer: optB)
        XCTAssertEqual(meta["config"], #"{"lr":0.3}"#)
        XCTAssertEqual(meta["history"], #"{"loss":[0.5,0.25]}"#)
        XCTAssertEqual(optB.stepCount, 2)
        for x in batches[2...] { try trainStep(b, optB, x) }
        for ((n, ta), (_, tb)) in zip(a.stateTensors(), b.stateTensors()) {
            XCTAssertEqual(ta.array.map(\.bitPattern), tb.array.map(\.bitPattern), n)
        }
        XCTAssertTrue(a.stateTensors().map(\.name).contains("encoder.bn1.running_mean"))
    }

    func testFileLayoutNamesModelAndOptimizerTensors() throws {
        let m = model(seed: 1)
        let opt = SGD(m.namedParameters(), learningRate: 0.1, momentum: 0.9)
        try trainStep(m, opt, NNTest.normal(seed: 2, [4, 3, 8, 8]))
        let st = try Checkpoint.encode(model: m, optimizer: opt)
        let names = Set(st.tensors.map(\.name))
        XCTAssertTrue(names.contains("encoder.conv1.weight"))
        XCTAssertTrue(names.contains("critic.bn2.running_var"))
        XCTAssertFalse(names.contains("critic.bn2.weight"))          // BN₂ has no affine parameters
        XCTAssertTrue(names.contains("optimizer.momentum.critic.w1.weight"))
        XCTAssertNotNil(st.metadata[Checkpoint.optimizerKey])
    }

    func testMissingTensorAndShapeMismatchLoadNothing() throws {
        let source = model(seed: 1)
        var tensors = source.stateTensors()
        tensors.removeAll { $0.name == "critic.w2.weight" }
        try SafeTensors(tensors: tensors).write(to: url)
        let target = model(seed: 5)
        let before = target.stateTensors().map { $0.tensor.array }
        XCTAssertThrowsError(try Checkpoint.load(from: url, into: target)) { e in
            XCTAssertEqual(e as? CheckpointError, .missingTensor("critic.w2.weight"))
            XCTAssertTrue("\(e)".contains("'critic.w2.weight' is missing"))
        }
        XCTAssertEqual(target.stateTensors().map { $0.tensor.array }, before)   // nothing half-loaded

        let wrong = model(seed: 1)
        let other = ModuleDict([("encoder", SmallCNN(widths: [4, 6, 9], batchNorm: true)), ("critic", ProjectionHead(inputDim: 9, projectionDim: 5))])
        try Checkpoint.save(model: other, to: url)
        XCTAssertThrowsError(try Checkpoint.load(from: url, into: wrong)) { e in
            XCTAssertTrue("\(e)".contains("encoder.conv3.weight"), "\(e)")
            XCTAssertTrue("\(e)".contains("[9, 6, 3, 3]"), "\(e)")
        }
        // An unexpected tensor (strict) and a file without optimiser state when one is asked for.
        try SafeTensors(tensors: source.stateTensors() + [("extra.weight", Tensor(1))]).write(to: url)
        XCTAssertThrowsError(try Checkpoint.load(from: url, into: wrong)) { e in XCTAssertTrue("\(e)".contains("extra.weight")) }
        XCTAssertNoThrow(try Checkpoint.load(from: url, into: wrong, strict: false))
        let opt = SGD(wrong.namedParameters(), learningRate: 0.1)
        XCTAssertThrowsError(try Checkpoint.load(from: url, into: wrong, optimizer: opt, strict: false))
    }

    /// A bad optimiser slot is found before the model is touched.
    func testBadOptimizerStateLoadsNothing() throws {
        let m = model(seed: 1)
        let opt = SGD(m.namedParameters(), learningRate: 0.1, momentum: 0.9)
        try trainStep(m, opt, NNTest.normal(seed: 2, [4, 3, 8, 8]))
        var st = try Checkpoint.encode(model: m, optimizer: opt)
        st.tensors = st.tensors.map { $0.name == "optimizer.momentum.encoder.conv1.weight" ? ($0.name, Tensor.zeros([1])) : $0 }
        try st.write(to: url)
        let target = model(seed: 7)
        let before = target.stateTensors().map { $0.tensor.array }
        XCTAssertThrowsError(try Checkpoint.load(from: url, into: target, optimizer: SGD(target.namedParameters(), learningRate: 0.1, momentum: 0.9))) { e in
            XCTAssertTrue("\(e)".contains("optimizer.momentum.encoder.conv1.weight"), "\(e)")
        }
        XCTAssertEqual(target.stateTensors().map { $0.tensor.array }, before)
    }

    func testNpyRoundTripAndHeader() throws {
        let t = NNTest.tensor([1, 2, 3, 4, 5, 6], [2, 3])
        let data = Npy.encode(t)
        let expectedHeader = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"
        XCTAssertEqual(Array(data.prefix(10)), [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, 118, 0])
        XCTAssertEqual(String(decoding: data[10..<(10 + expectedHeader.utf8.count)], as: UTF8.self), expectedHeader)
        XCTAssertEqual(data[127], 0x0A)           // newline ends the header; data at byte 128
        XCTAssertEqual(data.count, 128 + 24)
        XCTAssertEqual(try Npy.decode(data).array, t.array)
        XCTAssertEqual(try Npy.decode(Npy.encode(Tensor(3))).shape, [])
        XCTAssertEqual(try Npy.decode(Npy.encode(Tensor([1, 2]))).shape, [2])
        // Fortran order and f8, as NumPy writes them (header built by hand).
        var header = "{'descr': '<f8', 'fortran_order': True, 'shape': (2, 2), }"
        header += String(repeating: " ", count: (64 - (10 + header.utf8.count + 1) % 64) % 64) + "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count), 0] + Array(header.utf8)
        for v in [1.0, 3.0, 2.0, 4.0] { bytes += withUnsafeBytes(of: v.bitPattern.littleEndian, Array.init) }  // column-major [[1,2],[3,4]]
        XCTAssertEqual(try Npy.decode(Data(bytes)).array, [1, 2, 3, 4])
        XCTAssertThrowsError(try Npy.decode(Data(bytes.dropLast(4)))) { e in XCTAssertTrue("\(e)".contains("truncated")) }
        XCTAssertThrowsError(try Npy.decode(Data([1, 2, 3]))) 
        let npyURL = url.deletingPathExtension().appendingPathExtension("npy")
        defer { try? FileManager.default.removeItem(at: npyURL) }
        try Npy.write(t, to: npyURL)
        XCTAssertEqual(try Npy.read(from: npyURL).array, t.array)
    }
}
