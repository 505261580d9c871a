import Foundation
import TestSupport
import Testing

/// Every command's help text, pinned (as swift-argument-parser pins its
/// own): it is what a technician reads, and scripts rely on its options.
@Suite struct HelpTextTests {
    /// The commands `huanxin --help` lists, and their subcommands.
    static let commands: [[String]] = [
        [], ["run"], ["status"], ["chase"], ["validate"], ["rollup"], ["template"], ["cat"], ["convert"],
        ["schemas"], ["schemas", "check"], ["schemas", "targets"], ["schemas", "indicators"], ["schemas", "regions"],
        ["schemas", "departments"], ["schemas", "layout"], ["ledger"], ["ledger", "check"], ["ledger", "backup"],
        ["ledger", "recover"],
        ["serve"], ["accounts"], ["accounts", "add"], ["accounts", "list"], ["accounts", "remove"],
        ["accounts", "passwd"],
    ]

    @Test(arguments: commands)
    func helpTextIsPinned(command: [String]) throws {
        guard let huanxin = HuanxinProcess() else { return }
        let outcome = try huanxin.run(["help"] + command)
        #expect(outcome.status == 0)
        try Golden().expect(
            outcome.stdout, matches: "help-\(command.isEmpty ? "huanxin" : command.joined(separator: "-")).txt")
    }

    /// A command added to `huanxin` without a pinned help text fails here.
    @Test func everyListedCommandIsPinned() throws {
        guard let huanxin = HuanxinProcess() else { return }
        let help = try huanxin.run(["--help"]).stdout
        // "  name   abstract": two spaces, the name, two or more spaces.
        let listed = help.split(separator: "\n").drop { !$0.hasPrefix("SUBCOMMANDS:") }.dropFirst()
            .compactMap { line in line.wholeMatch(of: #/\s\s([a-z-]+)\s\s.*/#).map { String($0.1) } }
            .filter { $0 != "help" }
        #expect(!listed.isEmpty)
        for command in listed {
            #expect(Self.commands.contains([command]), "huanxin \(command) has no pinned help text")
        }
    }
}
