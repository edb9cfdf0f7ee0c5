/// A scratch buffer for one kernel call, taken from and returned to `BufferCache`:
/// convolutions need tens of MiB of columns per call, and fresh pages would cost a
/// fault and a zero-fill each time.
struct Workspace {
    let ptr: UnsafeMutablePointer<Float>
    let bytes: Int

    init(_ count: Int) {
        bytes = Swift.max(1, count) * MemoryLayout<Float>.stride
        ptr = BufferCache.shared.allocate(bytes: bytes).bindMemory(to: Float.self, capacity: Swift.max(1, count))
    }

    func release() { BufferCache.shared.release(UnsafeMutableRawPointer(ptr), bytes: bytes) }
}
