import Yams

extension CatalogError.Code {
    static let yamlSyntax = Self("yaml-syntax")
    static let missingField = Self("missing-field")
    static let wrongType = Self("wrong-type")
    static let unreadableFile = Self("unreadable-file")
}

/// Reads fields of one YAML file's nodes, turning every shape problem into a
/// `CatalogError` with the node's line (Yams' `Node.mark`).
struct YAMLReader {
    /// The file, relative to `Schemas/`.
    let file: String

    /// Composes `text` into a node tree; nil root for an empty file.
    ///
    /// Every scalar is left a string (`Resolver.basic`): the accessors below
    /// read numbers, booleans and nulls off a scalar's text and style, never
    /// off its resolved tag, while the default resolver runs seven regular
    /// expressions over every mapping key (Yams' duplicate-key check) and
    /// every key looked up, a third of loading the catalog.
    static func compose(_ text: String, file: String) throws(CatalogError) -> (YAMLReader, Node?) {
        let reader = YAMLReader(file: file)
        do {
            return (reader, try Yams.compose(yaml: text, .basic))
        } catch let error as YamlError {
            throw CatalogError(
                .yamlSyntax, at: reader.location(ofYAMLError: error),
                "YAML 语法错误：\(error)", "YAML syntax error: \(error)")
        } catch {
            throw CatalogError(
                .yamlSyntax, at: SchemaLocation(file: file),
                "YAML 语法错误：\(error)", "YAML syntax error: \(error)")
        }
    }

    func location(of node: Node) -> SchemaLocation {
        SchemaLocation(file: file, line: node.mark?.line)
    }

    private func location(ofYAMLError error: YamlError) -> SchemaLocation {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return SchemaLocation(file: file, line: mark.line)
        default:
            return SchemaLocation(file: file)
        }
    }

    func mapping(_ node: Node) throws(CatalogError) -> Node.Mapping {
        guard let mapping = node.mapping else {
            throw CatalogError(.wrongType, at: location(of: node), "此处应为键值映射", "expected a mapping here")
        }
        return mapping
    }

    /// The items of `key` in `mapping`; an absent key is an empty list.
    func list(_ mapping: Node.Mapping, _ key: String) throws(CatalogError) -> [Node] {
        guard let node = mapping[key] else { return [] }
        guard let sequence = node.sequence else {
            throw CatalogError(.wrongType, at: location(of: node), "“\(key)” 应为列表", "“\(key)” must be a list")
        }
        return Array(sequence)
    }

    func string(_ mapping: Node.Mapping, _ key: String, in owner: Node) throws(CatalogError) -> String {
        guard let value = try optionalString(mapping, key) else {
            throw CatalogError(.missingField, at: location(of: owner), "缺少字段 “\(key)”", "missing field “\(key)”")
        }
        return value
    }

    /// A scalar as text (numbers and dates included, as written); nil when absent or null.
    func optionalString(_ mapping: Node.Mapping, _ key: String) throws(CatalogError) -> String? {
        guard let node = mapping[key] else { return nil }
        guard let scalar = node.scalar else {
            throw CatalogError(.wrongType, at: location(of: node), "“\(key)” 应为单个值", "“\(key)” must be a single value")
        }
        if node.null != nil, scalar.style == .plain { return nil }
        return scalar.string
    }

    func double(_ mapping: Node.Mapping, _ key: String, in owner: Node) throws(CatalogError) -> Double {
        guard let value = try optionalDouble(mapping, key) else {
            throw CatalogError(.missingField, at: location(of: owner), "缺少字段 “\(key)”", "missing field “\(key)”")
        }
        return value
    }

    func optionalDouble(_ mapping: Node.Mapping, _ key: String) throws(CatalogError) -> Double? {
        guard let node = mapping[key], node.null == nil else { return nil }
        guard node.scalar != nil, let value = node.float ?? node.int.map(Double.init) else {
            throw CatalogError(.wrongType, at: location(of: node), "“\(key)” 应为数字", "“\(key)” must be a number")
        }
        return value
    }

    func optionalInt(_ mapping: Node.Mapping, _ key: String) throws(CatalogError) -> Int? {
        guard let node = mapping[key], node.null == nil else { return nil }
        guard node.scalar != nil, let value = node.int else {
            throw CatalogError(.wrongType, at: location(of: node), "“\(key)” 应为整数", "“\(key)” must be a whole number")
        }
        return value
    }

    func optionalBool(_ mapping: Node.Mapping, _ key: String) throws(CatalogError) -> Bool? {
        guard let node = mapping[key], node.null == nil else { return nil }
        guard let value = node.bool else {
            throw CatalogError(
                .wrongType, at: location(of: node), "“\(key)” 应为 true/false", "“\(key)” must be true or false")
        }
        return value
    }

    /// A list of scalars as text; an absent key is an empty list.
    func strings(_ mapping: Node.Mapping, _ key: String) throws(CatalogError) -> [String] {
        var result: [String] = []
        for item in try list(mapping, key) {
            guard let scalar = item.scalar else {
                throw CatalogError(
                    .wrongType, at: location(of: item), "“\(key)” 的条目应为单个值", "items of “\(key)” must be single values")
            }
            result.append(scalar.string)
        }
        return result
    }

    func ints(_ mapping: Node.Mapping, _ key: String) throws(CatalogError) -> [Int] {
        var result: [Int] = []
        for item in try list(mapping, key) {
            guard let value = item.int else {
                throw CatalogError(
                    .wrongType, at: location(of: item), "“\(key)” 的条目应为整数", "items of “\(key)” must be whole numbers")
            }
            result.append(value)
        }
        return result
    }
}
