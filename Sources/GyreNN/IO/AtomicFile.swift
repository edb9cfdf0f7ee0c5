import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files so a crash never leaves a half-written one: the bytes go to a temporary
/// file in the same directory, are flushed to disk, and the file is renamed into place.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let fd = open(tmp.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw CheckpointError.io(path: tmp.path, reason: String(cString: strerror(errno))) }
        var ok = false
        defer { if !ok { unlink(tmp.path) } }
        let written: Int = data.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + off, raw.count - off)
                if n <= 0 { if errno == EINTR { continue }; return -1 }
                off += n
            }
            return off
        }
        let syncOK = fsync(fd) == 0
        close(fd)
        guard written == data.count, syncOK else {
            throw CheckpointError.io(path: tmp.path, reason: String(cString: strerror(errno)))
        }
        guard rename(tmp.path, url.path) == 0 else {
            throw CheckpointError.io(path: url.path, reason: String(cString: strerror(errno)))
        }
        ok = true
    }

    public static func read(_ url: URL) throws -> Data {
        do { return try Data(contentsOf: url) } catch {
            throw CheckpointError.io(path: url.path, reason: (error as NSError).localizedDescription)
        }
    }
}
