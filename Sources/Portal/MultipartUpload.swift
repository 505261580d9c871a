import Foundation
import Hummingbird
import MultipartKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A `multipart/form-data` upload read as it streams: the part named
/// `file` goes straight into a temporary file (never whole into memory),
/// other fields (the `csrf` token) are kept if small; past `limit` bytes
/// of file the upload is refused with 413 and nothing is kept.
struct MultipartUpload {
    /// The name the browser gave the file (`filename=` of its part); nil when no file part came.
    var fileName: String?
    var bytes = 0
    var fields: [String: String] = [:]

    /// The longest form field kept; the boundary and headers of parts are the parser's.
    static let fieldLimit = 4096

    /// Reads `request`'s body, writing its `file` part to `temporary` (created here).
    static func receive(_ request: Request, into temporary: String, limit: Int) async throws -> MultipartUpload {
        guard let type = request.headers[.contentType], let boundary = Self.boundary(of: type) else {
            throw PortalError.badRequest("请用 multipart/form-data 上传文件（字段 file）。")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit + 64 * 1024 {
            throw PortalError.tooLarge(limitMiB: limit >> 20)
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }

        let state = ParseState(descriptor: descriptor, limit: limit)
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in state.header(name, value) }
        parser.onBody = { buffer in state.body(&buffer) }
        parser.onPartComplete = { state.partComplete() }
        for try await chunk in request.body {
            do {
                try parser.execute(chunk)
            } catch {
                throw PortalError.badRequest("上传内容格式有误 malformed multipart body。")
            }
            if let failure = state.failure { throw failure }
        }
        guard state.fileDone else {
            throw PortalError.badRequest(
                state.result.fileName == nil
                    ? "没有收到文件（字段 file）。 No file."
                    : "上传不完整 incomplete upload。")
        }
        return state.result
    }

    /// `boundary=` of a `multipart/form-data` content type, quoted or not; at most 70 characters (RFC 2046).
    static func boundary(of contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
            var value = String(part.dropFirst("boundary=".count))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return (1...70).contains(value.utf8.count) ? value : nil
        }
        return nil
    }

    /// `name` and `filename` of a `Content-Disposition: form-data; …` header;
    /// `filename*=UTF-8''…` (RFC 5987) wins over `filename`.
    static func disposition(_ value: String) -> (name: String?, fileName: String?) {
        var name: String?
        var fileName: String?
        var extended: String?
        for part in value.split(separator: ";").dropFirst() {
            let pair = part.trimmingCharacters(in: .whitespaces)
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let key = pair[..<equals].lowercased()
            var text = String(pair[pair.index(after: equals)...])
            if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 {
                text = String(text.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
            }
            switch key {
            case "name": name = text
            case "filename": fileName = text
            case "filename*":
                if text.lowercased().hasPrefix("utf-8''") {
                    extended = String(text.dropFirst(7)).removingPercentEncoding
                }
            default: continue
            }
        }
        return (name, extended ?? fileName)
    }

    /// The parser's callbacks' shared state (they are synchronous closures).
    private final class ParseState {
        let descriptor: Int32
        let limit: Int
        var result = MultipartUpload()
        var partName: String?
        var inFile = false
        var fileDone = false
        var field: [UInt8] = []
        var failure: PortalError?
        var writeError: Int32 = 0

        init(descriptor: Int32, limit: Int) {
            self.descriptor = descriptor
            self.limit = limit
        }

        func header(_ name: String, _ value: String) {
            guard name.lowercased() == "content-disposition" else { return }
            let (part, fileName) = MultipartUpload.disposition(value)
            partName = part
            if part == "file", !fileDone {
                inFile = true
                result.fileName = fileName ?? ""
            }
        }

        func body(_ buffer: inout ByteBuffer) {
            guard failure == nil else { return }
            if inFile {
                result.bytes += buffer.readableBytes
                guard result.bytes <= limit else {
                    failure = .tooLarge(limitMiB: limit >> 20)
                    return
                }
                buffer.withUnsafeReadableBytes { bytes in
                    var offset = 0
                    while offset < bytes.count {
                        let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                        if written < 0 {
                            if errno == EINTR { continue }
                            failure = .badRequest("无法保存上传的文件 could not store the upload (errno \(errno))。")
                            return
                        }
                        offset += written
                    }
                }
            } else if partName != nil {
                field += buffer.readableBytesView.prefix(MultipartUpload.fieldLimit - field.count)
            }
        }

        func partComplete() {
            if inFile {
                inFile = false
                fileDone = true
            } else if let partName {
                result.fields[partName] = String(decoding: field, as: UTF8.self)
            }
            partName = nil
            field = []
        }
    }
}
