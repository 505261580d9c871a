import Foundation
import Hummingbird
import Mustache

/// The portal's HTML pages (Mustache templates in `Templates/`, each
/// inheriting `layout`) and its static assets (`Static/`), loaded once from
/// the module's resources. Values are HTML-escaped by Mustache's `{{…}}`.
struct Pages: Sendable {
    private let library: MustacheLibrary
    /// Asset name → bytes and media type; nothing else is ever served as a file.
    private let assets: [String: (bytes: ByteBuffer, type: String)]

    struct MissingResource: Error, CustomStringConvertible {
        var name: String
        var description: String { "门户资源缺失 portal resource missing: \(name)" }
    }

    init() throws {
        guard let templates = Bundle.module.resourceURL?.appendingPathComponent("Templates"),
            let statics = Bundle.module.resourceURL?.appendingPathComponent("Static")
        else {
            throw MissingResource(name: "Templates/")
        }
        var library = MustacheLibrary()
        for name in try FileManager.default.contentsOfDirectory(atPath: templates.path)
        where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
            try library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        self.library = library
        var assets: [String: (ByteBuffer, String)] = [:]
        let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml"]
        for name in try FileManager.default.contentsOfDirectory(atPath: statics.path) {
            guard let type = types[(name as NSString).pathExtension] else { continue }
            let data = try Data(contentsOf: statics.appendingPathComponent(name))
            assets[name] = (ByteBuffer(bytes: data), type)
        }
        self.assets = assets
    }

    /// The page `name` rendered with `values` (and the layout's own: user, nav, CSRF token).
    func render(_ name: String, _ values: [String: Any], status: HTTPResponse.Status = .ok) throws -> Response {
        guard let html = library.render(values, withTemplate: name) else { throw MissingResource(name: name) }
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    func asset(_ name: String) -> Response? {
        guard let asset = assets[name] else { return nil }
        return Response(
            status: .ok, headers: [.contentType: asset.type, .cacheControl: "max-age=3600"],
            body: .init(byteBuffer: asset.bytes))
    }
}
