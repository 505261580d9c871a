import Catalog

/// How folders under `Inbox/` name a submitter: `<region code>/<department
/// code>/`, as the catalog spells them. People also make the folders they
/// would name by hand — `东昌府区/商务局/`, `371502/商务局/`, `东昌府区商务局/` —
/// so a folder is also read as a region's or a department's name, to say
/// where its files belong.
public struct SubmitterFolders: Sendable {
    let catalog: Catalog

    public init(catalog: Catalog) { self.catalog = catalog }

    /// Whether `Inbox/<region>/<department>/` is a submitter's folder.
    public func isSubmitter(region: String, department: String) -> Bool {
        catalog.region(code: region) != nil && catalog.department(code: department) != nil
    }

    /// What a folder name means: a region, a department, or both.
    struct Meaning {
        /// The regions it names (more than one when a name is shared).
        var regions: [Region] = []
        var department: Department?
    }

    /// The region and department that the first two folders of a path
    /// mean, by code or by name; one folder may name both (`东昌府区商务局`).
    func meaning(of folders: [String]) -> Meaning {
        guard let first = folders.first else { return Meaning() }
        if folders.count >= 2 {
            return Meaning(regions: catalog.regions(named: first), department: department(named: folders[1]))
        }
        let regions = catalog.regions(named: first)
        if !regions.isEmpty { return Meaning(regions: regions) }
        if let department = department(named: first) { return Meaning(department: department) }
        return combined(first) ?? Meaning()
    }

    /// The department a folder names by its code, its name or a variant (区商促局).
    private func department(named text: String) -> Department? {
        catalog.department(code: text)
            ?? catalog.departments.first { text == $0.name || $0.variants.contains(text) }
    }

    /// A region's name followed by a department's: 东昌府区商务局, 东昌府区商促局.
    private func combined(_ text: String) -> Meaning? {
        for department in catalog.departments {
            for suffix in [department.name] + department.variants where text.hasSuffix(suffix) {
                let regions = catalog.regions(named: String(text.dropLast(suffix.count)))
                if !regions.isEmpty { return Meaning(regions: regions, department: department) }
            }
        }
        return nil
    }
}
