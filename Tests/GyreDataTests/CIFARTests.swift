import XCTest
import Foundation
import GyreTensor
import GyreData

/// The CIFAR loader on small files in the binary format, written here.
final class CIFARTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("gyre-cifar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    /// `labels` records: label byte(s) then 3072 pixel bytes with pixel k of record r = (r·7 + k) mod 256.
    @discardableResult
    func write(_ name: String, labels: [[UInt8]], in folder: URL? = nil, extra: [UInt8] = []) throws -> String {
        var bytes: [UInt8] = []
        for (r, l) in labels.enumerated() {
            bytes += l
            bytes += (0..<3072).map { UInt8((r * 7 + $0) % 256) }
        }
        let url = (folder ?? dir).appendingPathComponent(name)
        try Data(bytes + extra).write(to: url)
        return url.path
    }

    func testCIFAR10HappyPath() throws {
        let a = try write("data_batch_1.bin", labels: [[3], [9]])
        let b = try write("data_batch_2.bin", labels: [[0]])
        let data = try CIFAR.load(files: [a, b], kind: .cifar10)
        XCTAssertEqual(data.images.shape, [3, 3, 32, 32])
        XCTAssertEqual(data.labels, [3, 9, 0])
        XCTAssertNil(data.coarseLabels)
        XCTAssertEqual(data.classes, 10)
        XCTAssertEqual(data.images[flat: 0], 0)
        XCTAssertEqual(data.images[flat: 3072 + 1], Float(8) / 255, accuracy: 1e-7)     // record 1, pixel 1
        XCTAssertEqual(data.images[flat: 1024], Float(0) / 255, accuracy: 1e-7)         // green plane starts at 1024 mod 256 = 0
        XCTAssertLessThanOrEqual(try data.images.max().scalarValue ?? 2, 1)
    }

    func testCIFAR100HappyPathWithBothLabels() throws {
        let f = try write("train.bin", labels: [[19, 99], [0, 5]])
        let data = try CIFAR.load(files: [f], kind: .cifar100)
        XCTAssertEqual(data.labels, [99, 5])
        XCTAssertEqual(data.coarseLabels, [19, 0])
        XCTAssertEqual(data.classes, 100)
        XCTAssertEqual(data.images[flat: 3072 + 2], Float(9) / 255, accuracy: 1e-7)
    }

    func testDirectoryLayoutsAreFound() throws {
        for i in 1...5 { try write("data_batch_\(i).bin", labels: [[UInt8(i)]]) }
        try write("test_batch.bin", labels: [[7], [8]])
        XCTAssertEqual(try CIFAR.load(directory: dir.path, kind: .cifar10, part: .train).labels, [1, 2, 3, 4, 5])
        XCTAssertEqual(try CIFAR.load(directory: dir.path, kind: .cifar10, part: .test).labels, [7, 8])
        let both = try CIFAR.load(directory: dir.path, kind: .cifar10)
        XCTAssertEqual(both.train.images.shape, [5, 3, 32, 32])
        XCTAssertEqual(both.test.labels, [7, 8])
        let sub = dir.appendingPathComponent("cifar-100-binary")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try write("test.bin", labels: [[1, 2]], in: sub)
        XCTAssertEqual(try CIFAR.load(directory: dir.path, kind: .cifar100, part: .test).labels, [2])
    }

    func assertError(_ body: @autoclosure () throws -> Any, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { e in
            XCTAssertEqual("\(e)", expected, file: file, line: line)
        }
    }

    func testMissingFileNamesItAndTheFormat() {
        let path = dir.appendingPathComponent("nope.bin").path
        assertError(try CIFAR.load(files: [path], kind: .cifar10),
                    "cifar10: cannot find '\(path)' (expected a CIFAR-10 binary file of 3073-byte records: 1 label byte + 3072 pixel bytes)")
        assertError(try CIFAR.load(files: [path], kind: .cifar100),
                    "cifar100: cannot find '\(path)' (expected a CIFAR-100 binary file of 3074-byte records: 2 label bytes (coarse, fine) + 3072 pixel bytes)")
    }

    func testMissingDirectoryAndMissingBatch() throws {
        let missing = dir.appendingPathComponent("none").path
        assertError(try CIFAR.load(directory: missing, kind: .cifar10, part: .test),
                    "cifar10: '\(missing)' is not a directory (expected the CIFAR-10 binary files test_batch.bin)")
        try write("data_batch_1.bin", labels: [[1]])
        let second = dir.appendingPathComponent("data_batch_2.bin").path
        assertError(try CIFAR.load(directory: dir.path, kind: .cifar10, part: .train),
                    "cifar10: cannot find '\(second)' (expected a CIFAR-10 binary file of 3073-byte records: 1 label byte + 3072 pixel bytes)")
    }

    func testTruncatedAndEmptyFiles() throws {
        let cut = try write("cut.bin", labels: [[1], [2]], extra: [4, 4, 4])
        assertError(try CIFAR.load(files: [cut], kind: .cifar10),
                    "cifar10: '\(cut)' is truncated: 6149 bytes is not a whole number of 3073-byte records (1 label byte + 3072 pixel bytes); 2 whole records and 3 bytes over")
        let empty = try write("empty.bin", labels: [])
        assertError(try CIFAR.load(files: [empty], kind: .cifar100),
                    "cifar100: '\(empty)' is empty (expected 3074-byte records: 2 label bytes (coarse, fine) + 3072 pixel bytes)")
        // A CIFAR-10 file read as CIFAR-100 is (almost always) the wrong length.
        let ten = try write("ten.bin", labels: [[1]])
        assertError(try CIFAR.load(files: [ten], kind: .cifar100),
                    "cifar100: '\(ten)' is truncated: 3073 bytes is not a whole number of 3074-byte records (2 label bytes (coarse, fine) + 3072 pixel bytes); 0 whole records and 3073 bytes over")
    }

    func testBadLabelsDirectoriesAndNoFiles() throws {
        let bad = try write("bad.bin", labels: [[1], [12]])
        assertError(try CIFAR.load(files: [bad], kind: .cifar10),
                    "cifar10: '\(bad)' record 1 has label 12; CIFAR-10 labels are 0–9 (is this a CIFAR-100 file?)")
        let coarse = try write("coarse.bin", labels: [[25, 3]])
        assertError(try CIFAR.load(files: [coarse], kind: .cifar100),
                    "cifar100: '\(coarse)' record 0 has coarse label 25; CIFAR-100 coarse labels are 0–19")
        assertError(try CIFAR.load(files: [dir.path], kind: .cifar10),
                    "cifar10: '\(dir.path)' is a directory, expected a CIFAR-10 binary file")
        assertError(try CIFAR.load(files: [], kind: .cifar10), "cifar10: no files given")
    }
}
