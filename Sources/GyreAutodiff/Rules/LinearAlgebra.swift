import GyreTensor

// Matrix products, convolutions and pooling. Each rule is built from the same family of
// ops (matmul with transpose flags; conv2d and its two transposes; pooling and its
// adjoint), so every rule is itself differentiable.

extension Variable {
    /// Matrix product (NumPy `matmul` rules); `transposeA`/`transposeB` act on the last two axes.
    public static func matmul(_ a: Variable, _ b: Variable, transposeA ta: Bool = false, transposeB tb: Bool = false) throws -> Variable {
        if a.rank == 1 || b.rank == 1 {
            // Promote vectors explicitly so the primitive below only sees matrices.
            let a2 = a.rank == 1 ? try a.reshape(ta ? [a.count, 1] : [1, a.count]) : a
            let b2 = b.rank == 1 ? try b.reshape(tb ? [1, b.count] : [b.count, 1]) : b
            let out = try matmul(a2, b2, transposeA: ta, transposeB: tb)
            var s = out.shape
            if b.rank == 1 { s.removeLast() }
            if a.rank == 1 { s.remove(at: s.count - (b.rank == 1 ? 1 : 2)) }
            return try out.reshape(s)
        }
        let out = try Tensor.matmul(a.value, b.value, transposeA: ta, transposeB: tb)
        return try record("matmul", out, [a, b]) { g in
            // Only the cotangents of tracked operands are computed.
            var da: Variable? = nil, db: Variable? = nil
            if a.isTracked {
                switch (ta, tb) {
                case (false, false): da = try matmul(g, b, transposeB: true)
                case (false, true):  da = try matmul(g, b)
                case (true, false):  da = try matmul(b, g, transposeB: true)
                case (true, true):   da = try matmul(b, g, transposeA: true, transposeB: true)
                }
            }
            if b.isTracked {
                switch (ta, tb) {
                case (false, false): db = try matmul(a, g, transposeA: true)
                case (false, true):  db = try matmul(g, a, transposeA: true)
                case (true, false):  db = try matmul(a, g)
                case (true, true):   db = try matmul(g, a, transposeA: true, transposeB: true)
                }
            }
            return [a.isTracked ? try da?.sumTo(a.shape) : nil, b.isTracked ? try db?.sumTo(b.shape) : nil]
        }
    }

    public static func conv2d(_ x: Variable, _ w: Variable, stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0)) throws -> Variable {
        let out = try Tensor.conv2d(x.value, w.value, stride: stride, padding: padding)
        return try record("conv2d", out, [x, w]) { g in
            [x.isTracked ? try conv2dInputGrad(g, w, inputShape: x.shape, stride: stride, padding: padding) : nil,
             w.isTracked ? try conv2dWeightGrad(x, g, weightShape: w.shape, stride: stride, padding: padding) : nil]
        }
    }

    /// The transpose of conv2d with respect to its input (a "transposed convolution").
    public static func conv2dInputGrad(_ dy: Variable, _ w: Variable, inputShape: [Int], stride: (Int, Int),
                                       padding: (Int, Int)) throws -> Variable {
        let out = try Tensor.conv2dInputGrad(dy.value, w.value, inputShape: inputShape, stride: stride, padding: padding)
        return try record("conv2d_input_grad", out, [dy, w]) { u in
            [dy.isTracked ? try conv2d(u, w, stride: stride, padding: padding) : nil,
             w.isTracked ? try conv2dWeightGrad(u, dy, weightShape: w.shape, stride: stride, padding: padding) : nil]
        }
    }

    /// The transpose of conv2d with respect to its weight.
    public static func conv2dWeightGrad(_ x: Variable, _ dy: Variable, weightShape: [Int], stride: (Int, Int),
                                        padding: (Int, Int)) throws -> Variable {
        let out = try Tensor.conv2dWeightGrad(x.value, dy.value, weightShape: weightShape, stride: stride, padding: padding)
        return try record("conv2d_weight_grad", out, [x, dy]) { v in
            [x.isTracked ? try conv2dInputGrad(dy, v, inputShape: x.shape, stride: stride, padding: padding) : nil,
             dy.isTracked ? try conv2d(x, v, stride: stride, padding: padding) : nil]
        }
    }

    public func avgPool2d(kernel: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)) throws -> Variable {
        let out = try Tensor.avgPool2d(value, kernel: kernel, stride: stride, padding: padding)
        return try record("avg_pool2d", out, self) { g in
            try g.avgPool2dBackward(inputShape: self.shape, kernel: kernel, stride: stride, padding: padding)
        }
    }

    public func avgPool2dBackward(inputShape: [Int], kernel: (Int, Int), stride: (Int, Int)?, padding: (Int, Int)) throws -> Variable {
        let out = try Tensor.avgPool2dBackward(value, inputShape: inputShape, kernel: kernel, stride: stride, padding: padding)
        return try record("avg_pool2d_backward", out, self) { u in
            try u.avgPool2d(kernel: kernel, stride: stride, padding: padding)
        }
    }

    /// Max pooling; the gradient goes to each window's maximum.
    public func maxPool2d(kernel: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)) throws -> Variable {
        let (out, positions) = try Tensor.maxPool2d(value, kernel: kernel, stride: stride, padding: padding)
        return try record("max_pool2d", out, self) { g in try g.scatterFlat(positions, shape: self.shape) }
    }
}
