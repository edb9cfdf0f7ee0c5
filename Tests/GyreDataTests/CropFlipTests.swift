import XCTest
import GyreTensor
import GyreData

final class CropFlipTests: XCTestCase {
    func images(_ n: Int, _ h: Int = 32, _ w: Int = 32) -> Tensor {
        var rng = RandomStream(seed: 1)
        return rng.uniform([n, 3, h, w])
    }

    func testCropShapesAndBoxes() throws {
        var rng = RandomStream(seed: 2)
        let crop = RandomResizedCrop()
        let x = images(6, 40, 36)
        XCTAssertEqual(try crop(x, rng: &rng).shape, [6, 3, 32, 32])
        let boxes = crop.sampleBoxes(2000, height: 32, width: 32, rng: &rng)
        for b in boxes {
            XCTAssertTrue(b.i >= 0 && b.j >= 0 && b.i + b.h <= 32 && b.j + b.w <= 32, "\(b)")
            let area = Float(b.h * b.w) / 1024
            XCTAssertGreaterThan(area, 0.04)
        }
        let ratios = boxes.map { Float($0.w) / Float($0.h) }
        XCTAssertLessThan(ratios.min() ?? 0, 0.85)
        XCTAssertGreaterThan(ratios.max() ?? 9, 1.2)
    }

    func testFullBoxAtSameSizeIsTheIdentityAndHalfBoxUpsamples() throws {
        let x = images(2)
        let crop = RandomResizedCrop()
        let full = RandomResizedCrop.Box(i: 0, j: 0, h: 32, w: 32)
        XCTAssertTrue(try crop.apply(x, boxes: [full, full]).isEqual(to: x))
        // A constant image stays constant under any crop.
        let c = Tensor(repeating: 0.25, shape: [1, 3, 32, 32])
        let y = try crop.apply(c, boxes: [RandomResizedCrop.Box(i: 3, j: 5, h: 11, w: 17)])
        for i in 0..<y.count { XCTAssertEqual(y[flat: i], 0.25, accuracy: 1e-7) }
        XCTAssertThrowsError(try crop.apply(x, boxes: [full, RandomResizedCrop.Box(i: 20, j: 0, h: 20, w: 4)])) { e in
            XCTAssertTrue("\(e)".contains("does not fit in a 32×32 image"), "\(e)")
        }
        XCTAssertThrowsError(try crop.apply(x, boxes: [full]))
        XCTAssertThrowsError(try crop.apply(Tensor.zeros([3, 32, 32]), boxes: [full]))
    }

    func testBadRangesFallBackToACentreCropInsteadOfTrapping() throws {
        var rng = RandomStream(seed: 3)
        for crop in [RandomResizedCrop(scale: -1...(-0.5)), RandomResizedCrop(ratio: 0...0), RandomResizedCrop(scale: 2...3)] {
            let boxes = crop.sampleBoxes(5, height: 32, width: 24, rng: &rng)
            for b in boxes { XCTAssertTrue(b.h >= 1 && b.w >= 1 && b.i + b.h <= 32 && b.j + b.w <= 24, "\(b)") }
            XCTAssertEqual(try crop(images(5, 32, 24), rng: &rng).shape, [5, 3, 32, 32])
        }
    }

    func testFlipIsAnInvolutionAndMirrorsColumns() throws {
        let x = images(4, 5, 7)
        let mask = [true, false, true, true]
        let y = try HorizontalFlip.apply(x, mask: mask)
        XCTAssertEqual(y.shape, x.shape)
        XCTAssertTrue(try HorizontalFlip.apply(y, mask: mask).isEqual(to: x))
        XCTAssertEqual(y[flat: 0], x[flat: 6])
        XCTAssertEqual(y[flat: 105], x[flat: 105])                        // image 1 untouched
        var rng = RandomStream(seed: 4)
        XCTAssertEqual(try HorizontalFlip.random(x, rng: &rng).shape, x.shape)
        XCTAssertThrowsError(try HorizontalFlip.apply(x, mask: [true]))
    }
}
