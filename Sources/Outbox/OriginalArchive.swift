import Foundation

/// `Outbox/archive/`: a copy of every accepted original, named by its
/// SHA-256, so that a figure can be traced to the exact bytes behind it
/// even after the department overwrote or removed the file.
public struct OriginalArchive: Sendable {
    public let outbox: OutboxLayout

    public init(outbox: OutboxLayout) {
        self.outbox = outbox
    }

    /// The file's content is no longer the one hashed.
    public struct ChangedWhileReading: Error {
        public var path: String
    }

    /// Stages a copy of `source` for its place in the archive unless a copy
    /// is there already (same name, same content: copies are written whole),
    /// and returns the place relative to `Outbox/`. The copy is there once
    /// `files` are published, which the run does before the ledger names it.
    public func stage(_ source: String, sha256: String, into files: StagedFiles) throws -> String {
        let ext = URL(fileURLWithPath: source).pathExtension.lowercased()
        let destination = outbox.archivedOriginal(sha256: sha256, extension: ext.isEmpty ? "bin" : ext)
        // One `fstatat` (FileManager's `fileExists` cost 0.4% of a first
        // night); an archive that cannot be looked at is the Outbox's failure, as a failed write is.
        let present: Bool
        do { present = try FileStatus.of(destination) != nil } catch {
            throw FileIOError.wrap(error, .stat, path: destination)
        }
        if !present {
            try files.write(to: destination) { output in
                var hasher = SHA256()
                try FileChunks.stream(source) { chunk in
                    hasher.update(chunk)
                    try output.write(contentsOf: chunk)
                }
                // The file may have changed since it was hashed; a copy
                // under the wrong name would never be corrected.
                guard hasher.finalize().hex == sha256 else { throw ChangedWhileReading(path: source) }
            }
        }
        return String(destination.dropFirst(outbox.root.count + 1))
    }
}
