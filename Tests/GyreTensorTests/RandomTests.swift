import XCTest
@testable import GyreTensor

final class RandomTests: XCTestCase {
    /// Known-answer vectors from Random123's `kat_vectors` (philox4x32, 10 rounds).
    func testPhiloxKnownAnswers() {
        let cases: [((UInt32, UInt32, UInt32, UInt32), (UInt32, UInt32), [UInt32])] = [
            ((0, 0, 0, 0), (0, 0), [0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8]),
            ((0xffff_ffff, 0xffff_ffff, 0xffff_ffff, 0xffff_ffff), (0xffff_ffff, 0xffff_ffff),
             [0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd]),
            ((0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344), (0xa409_3822, 0x299f_31d0),
             [0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1]),
        ]
        for (ctr, key, expected) in cases {
            let o = Philox.block(ctr, key: key)
            XCTAssertEqual([o.0, o.1, o.2, o.3], expected)
        }
    }

    /// The first uniforms of seed 0, derived by hand from the first KAT block (counter 0, key 0):
    /// each word u maps to (u >> 8) / 2^24, e.g. 0x6627e8d5 >> 8 = 0x6627e8 = 6694888 → 0.39904642.
    func testFirstUniformsOfSeedZeroArePinned() {
        var rng = RandomStream(seed: 0)
        let u = rng.uniform([4]).array
        XCTAssertEqual(u, [Float(0x6627e8), Float(0xe169c5), Float(0xbc57ac), Float(0x9b00db)].map { $0 / 16_777_216 })
        XCTAssertEqual(u[0], 0.39904642, accuracy: 1e-7)
        XCTAssertEqual(u[1], 0.88052016, accuracy: 1e-7)
        XCTAssertEqual(u[2], 0.73571277, accuracy: 1e-7)
        XCTAssertEqual(u[3], 0.60548180, accuracy: 1e-7)
        XCTAssertEqual(rng.counter, 1)
    }

    func testSeedsAndCounters() {
        var a = RandomStream(seed: 42), b = RandomStream(seed: 42), c = RandomStream(seed: 43)
        let x = a.normal([257]), y = b.normal([257]), z = c.normal([257])
        XCTAssertEqual(x.array, y.array)
        XCTAssertNotEqual(x.array, z.array)
        // Seeds differing only in the high word differ too.
        var hi = RandomStream(seed: 42 | (1 << 40))
        XCTAssertNotEqual(hi.normal([257]).array, x.array)
        // Successive draws differ; a stream resumed at a counter repeats the rest.
        var s = RandomStream(seed: 7)
        let first = s.uniform([10])
        let saved = s.counter
        XCTAssertEqual(saved, 3)
        let second = s.uniform([10])
        XCTAssertNotEqual(first.array, second.array)
        var resumed = RandomStream(seed: 7, counter: saved)
        XCTAssertEqual(resumed.uniform([10]).array, second.array)
        // A parallel fill (many blocks) equals the same blocks drawn in small pieces.
        var big = RandomStream(seed: 9), small = RandomStream(seed: 9)
        let whole = big.uniform([1 << 17]).array
        var pieces: [Float] = []
        for _ in 0..<((1 << 17) / 4096) { pieces += small.uniform([4096]).array }
        XCTAssertEqual(whole, pieces)
    }

    func testUniformMoments() {
        var rng = RandomStream(seed: 1)
        let u = rng.uniform([100_000]).array.map(Double.init)
        XCTAssert(u.allSatisfy { $0 >= 0 && $0 < 1 })
        let m = u.reduce(0, +) / Double(u.count)
        let v = u.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(u.count)
        XCTAssertEqual(m, 0.5, accuracy: 0.005)
        XCTAssertEqual(v, 1.0 / 12, accuracy: 0.002)
        let w = rng.uniform([10_000], low: -3, high: 5).array
        XCTAssert(w.allSatisfy { $0 >= -3 && $0 < 5 })
        XCTAssertEqual(Double(w.reduce(0, +)) / 10_000, 1, accuracy: 0.1)
    }

    func testNormalMoments() {
        var rng = RandomStream(seed: 2)
        let x = rng.normal([100_001], mean: 2, std: 3).array.map(Double.init)
        XCTAssert(x.allSatisfy(\.isFinite))
        let m = x.reduce(0, +) / Double(x.count)
        let sd = (x.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(x.count)).squareRoot()
        XCTAssertEqual(m, 2, accuracy: 0.03)
        XCTAssertEqual(sd, 3, accuracy: 0.03)
        XCTAssertEqual(rng.normal([0]).shape, [0])
        XCTAssertEqual(rng.normal([]).shape, [])
    }

    func testBernoulliPermutationIntegers() {
        var rng = RandomStream(seed: 3)
        let b = rng.bernoulli([100_000], p: 0.3).array
        XCTAssert(b.allSatisfy { $0 == 0 || $0 == 1 })
        XCTAssertEqual(Double(b.reduce(0, +)) / 1e5, 0.3, accuracy: 0.005)
        XCTAssertEqual(rng.bernoulli([100], p: 0).array.reduce(0, +), 0)
        XCTAssertEqual(rng.bernoulli([100], p: 1).array.reduce(0, +), 100)
        for n in [0, 1, 2, 10, 1000] {
            let p = rng.permutation(n)
            XCTAssertEqual(p.sorted(), Array(0..<n))
        }
        XCTAssertEqual(rng.permutation(-2), [])
        var a = RandomStream(seed: 5), c = RandomStream(seed: 5)
        let p1 = a.permutation(50)
        XCTAssertEqual(p1, c.permutation(50))
        XCTAssertNotEqual(p1, Array(0..<50))
        let ints = rng.integers(10_000, low: -2, high: 3)
        XCTAssert(ints.allSatisfy { (-2..<3).contains($0) })
        XCTAssertEqual(Set(ints), Set(-2..<3))
        XCTAssertEqual(rng.integers(0, low: 0, high: 5), [])
        XCTAssertEqual(rng.integers(-3, low: 0, high: 5), [])
    }
}
