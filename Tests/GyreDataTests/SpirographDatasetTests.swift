import XCTest
import GyreTensor
import GyreData

final class SpirographDatasetTests: XCTestCase {
    func rows(_ t: Tensor) -> [[Float]] {
        let k = t.shape[1]
        return (0..<t.shape[0]).map { i in (0..<k).map { t[flat: i * k + $0] } }
    }

    func testSplitSizesAndDisjointness() throws {
        for (train, test) in [(100, 20), (7, 0), (0, 5), (1000, 333)] {
            let d = try SpirographDataset(trainSize: train, testSize: test, seed: 4)
            XCTAssertEqual(d.count(.train), train)
            XCTAssertEqual(d.count(.test), test)
            XCTAssertEqual(d.generative(.train).shape, [train, 4])
            let trainRows = Set(rows(d.generative(.train)).map { $0.description })
            let testRows = Set(rows(d.generative(.test)).map { $0.description })
            XCTAssertTrue(trainRows.isDisjoint(with: testRows))
        }
        XCTAssertThrowsError(try SpirographDataset(trainSize: -1, testSize: 2))
    }

    func testSeededReproducibility() throws {
        let a = try SpirographDataset(trainSize: 50, testSize: 10, seed: 9)
        let b = try SpirographDataset(trainSize: 50, testSize: 10, seed: 9)
        let c = try SpirographDataset(trainSize: 50, testSize: 10, seed: 10)
        XCTAssertTrue(a.generative(.train).isEqual(to: b.generative(.train)))
        XCTAssertFalse(a.generative(.train).isEqual(to: c.generative(.train)))
        XCTAssertEqual(try a.batches(.train, batchSize: 8, epoch: 3), try b.batches(.train, batchSize: 8, epoch: 3))
        XCTAssertNotEqual(try a.batches(.train, batchSize: 8, epoch: 3), try a.batches(.train, batchSize: 8, epoch: 4))
        XCTAssertTrue(a.fixedNuisance(.test).isEqual(to: b.fixedNuisance(.test)))
    }

    func testBatchesCoverThePartOnce() throws {
        let d = try SpirographDataset(trainSize: 103, testSize: 10, seed: 1)
        let batches = try d.batches(.train, batchSize: 25, epoch: 0)
        XCTAssertEqual(batches.map(\.count), [25, 25, 25, 25, 3])
        XCTAssertEqual(batches.flatMap { $0 }.sorted(), Array(0..<103))
        XCTAssertNotEqual(batches.flatMap { $0 }, Array(0..<103))
        XCTAssertEqual(try d.batches(.train, batchSize: 25, dropLast: true).count, 4)
        XCTAssertEqual(try d.batches(.train, batchSize: 50, shuffle: false)[0], Array(0..<50))
        XCTAssertThrowsError(try d.batches(.train, batchSize: 0))
    }

    func testBatchesRenderWithFreshNuisance() throws {
        let d = try SpirographDataset(trainSize: 20, testSize: 4, seed: 2)
        var rng = RandomStream(seed: 5)
        let idx = [3, 1, 7]
        let b1 = try d.batch(.train, indices: idx, rng: &rng), b2 = try d.batch(.train, indices: idx, rng: &rng)
        XCTAssertEqual(b1.images.shape, [3, 3, 32, 32])
        XCTAssertEqual(b1.nuisance.shape, [3, 6])
        XCTAssertTrue(b1.generative.isEqual(to: b2.generative))            // two views share generative factors
        XCTAssertFalse(b1.nuisance.isEqual(to: b2.nuisance))              // and get independent nuisance
        XCTAssertTrue(b1.images.isEqual(to: try d.images(.train, indices: idx, nuisance: b1.nuisance)))
        XCTAssertThrowsError(try d.generative(.test, indices: [4])) { e in
            XCTAssertEqual("\(e)", "spirograph: index 4 is out of range for the test part of 4 examples")
        }
    }

    func testCacheHoldsTheFixedDraw() throws {
        let plain = try SpirographDataset(trainSize: 10, testSize: 6, seed: 3)
        let cached = try SpirographDataset(trainSize: 10, testSize: 6, seed: 3, cacheImages: true)
        XCTAssertFalse(cached.isCached(.test))
        let a = try cached.fixedImages(.test, indices: [5, 0])
        XCTAssertTrue(cached.isCached(.test))
        XCTAssertFalse(cached.isCached(.train))
        XCTAssertTrue(a.isEqual(to: try plain.fixedImages(.test, indices: [5, 0])))
        XCTAssertFalse(plain.isCached(.test))
        XCTAssertThrowsError(try cached.fixedImages(.test, indices: [6]))
    }

    func testDescriptionAndNames() throws {
        let d = try SpirographDataset(trainSize: 100, testSize: 20, seed: 0)
        XCTAssertEqual(d.description, "Spirograph dataset: 100 train / 20 test, generative (m, b, sigma, rfore), nuisance (h, rback, gfore, gback, bfore, bback), row normalisation, seed 0")
        XCTAssertFalse(d.description.contains("\n"))
        XCTAssertEqual(d.factorNames.count, 10)
        XCTAssertEqual(d.nuisanceNames, ["h", "rback", "gfore", "gback", "bfore", "bback"])
        XCTAssertEqual(d.generativeNames, ["m", "b", "sigma", "rfore"])
    }

    func testShiftedPriorDatasetUsesItForNuisance() throws {
        let prior = SpiroPrior().shifted(.h, by: 0.5)
        let d = try SpirographDataset(trainSize: 10, testSize: 2000, seed: 1, prior: prior)
        let a = d.fixedNuisance(.test)
        let h = (0..<a.shape[0]).map { a[flat: $0 * 6] }
        XCTAssertGreaterThanOrEqual(h.min() ?? 0, 1.0)
        XCTAssertLessThanOrEqual(h.max() ?? 9, 3.0)
    }
}
