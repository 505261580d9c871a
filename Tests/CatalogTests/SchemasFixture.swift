import Foundation

@testable import Catalog

/// The repository's real `Schemas/`, and broken copies of it for the cross-check tests.
enum SchemasFixture {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let schemas = packageRoot.appendingPathComponent("Schemas")

    /// The real catalog, loaded once per process.
    static let loaded: (catalog: Catalog, errors: [CatalogError]) = {
        let (catalog, errors) = CatalogLoader(schemas: schemas).load()
        return (catalog, errors + CatalogCheck(catalog: catalog, seeds: schemas.appendingPathComponent("seeds")).run())
    }()

    static var catalog: Catalog { loaded.catalog }

    /// Copies `Schemas/` to a temporary folder, applies `edit` to one file's
    /// text, and returns the load and check errors of the copy.
    static func errors(editing file: String, _ edit: (String) -> String) throws -> [CatalogError] {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("schemas-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: schemas, to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let url = copy.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        let edited = edit(text)
        precondition(edited != text, "the edit changed nothing in \(file)")
        try edited.write(to: url, atomically: true, encoding: .utf8)
        return CatalogLoader.loadAndCheck(schemas: copy).errors
    }
}
