import Foundation

/// How every public JSON document is written: keys sorted, slashes plain,
/// times in ISO 8601 UTC to the second, so the same content gives the same
/// bytes. Each document carries `schemaVersion`; golden files in the tests
/// pin the shapes, and a change to one is a new version, said in the README.
public enum DocumentJSON {
    public static func encode(_ document: some Encodable, pretty: Bool = true) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty
            ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(.iso8601))
        }
        return try encoder.encode(document)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: data)
    }
}
