import Foundation

/// A file written under a hidden temporary name and renamed to its real name only when complete, so that an
/// interrupted export never leaves a half file where the clerk expects the document. Writes are buffered.
final class StagedFile {
    let destination: URL
    let temporaryURL: URL
    private var handle: FileHandle?
    private var buffer: [UInt8] = []
    private var placed = false
    private static let bufferSize = 1 << 16

    /// Creates the temporary file beside `destination` (in the same folder, so the final rename is atomic).
    init(destination: URL) throws {
        self.destination = destination
        let folder = destination.deletingLastPathComponent()
        temporaryURL = folder.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).part")
        handle = try Self.create(temporaryURL, reportedAs: destination)
        buffer.reserveCapacity(Self.bufferSize)
    }

    /// Creates (exclusively) a new file and opens it for writing.
    static func create(_ url: URL, reportedAs reported: URL) throws -> FileHandle {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw DocumentError.outputUnwritable(path: reported.path, reason: String(cString: strerror(errno)))
        }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.bufferSize {
            try flush()
        }
    }

    func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferSize {
            try flush()
        }
    }

    /// Writes what is buffered and closes the file, leaving it under its temporary name.
    func close() throws {
        try flush()
        do {
            try handle?.close()
        } catch {
            throw DocumentError.outputUnwritable(path: destination.path, reason: error.localizedDescription)
        }
        handle = nil
    }

    /// Closes the file and renames it to its destination, replacing any file there.
    func place() throws {
        try close()
        try Self.move(temporaryURL, to: destination)
        placed = true
    }

    /// Renames `source` to `destination` in one step, replacing any file there.
    static func move(_ source: URL, to destination: URL) throws {
        guard rename(source.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: source)
            throw DocumentError.outputUnwritable(path: destination.path, reason: reason)
        }
    }

    private func flush() throws {
        guard !buffer.isEmpty, let handle else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw DocumentError.outputUnwritable(path: destination.path, reason: error.localizedDescription)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit {
        if !placed {
            try? handle?.close()
            try? FileManager.default.removeItem(at: temporaryURL)
        }
    }
}
