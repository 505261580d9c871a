import ArgumentParser
import Foundation
import Pipeline

/// `huanxin accounts add|list|remove|passwd`: the portal's accounts, in the ledger.
struct AccountsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "门户账号 Portal accounts (kept in the ledger, passwords as bcrypt hashes).",
        subcommands: [Add.self, List.self, Remove.self, Passwd.self]
    )

    /// `--root` and `--ledger`, shared by the subcommands.
    struct Options: ParsableArguments {
        @OptionGroup var deployment: DeploymentOptions

        func directory() throws -> AccountDirectory {
            let deployment = deployment.deployment
            return try AccountDirectory(
                deployment: deployment, catalog: try withCatalog { try deployment.loadCatalog() })
        }
    }

    /// The first line of standard input, without its line break; `--password-stdin` must be given.
    static func passwordFromStandardInput(_ flag: Bool) throws -> String {
        guard flag else { throw ValidationError("请用 --password-stdin 提供密码 Pass the password with --password-stdin.") }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("标准输入中没有密码 No password on standard input.")
        }
        return line
    }

    /// Runs `body`, printing a refusal as the directory words it (exit 1).
    static func refusing(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let refused as AccountDirectory.Refused {
            FileHandle.standardError.write(Data("huanxin accounts: \(refused)\n".utf8))
            throw ExitCode(1)
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "新增账号 Add an account; the password is read from standard input.")

        @OptionGroup var options: Options

        @Option(help: "账号名 User name.")
        var user: String

        @Option(help: "角色 Role: department | city | province.")
        var role: String

        @Option(help: "地区代码 Region code (a department's region, the city, or the province).")
        var region: String

        @Option(help: "部门代码 Department code (department accounts only).")
        var department: String?

        @Flag(help: "从标准输入读取密码 Read the password from standard input (required).")
        var passwordStdin = false

        func run() throws {
            guard let role = AccountRole(rawValue: role) else {
                throw ValidationError("角色应为 department、city 或 province Role must be department, city or province.")
            }
            let password = try AccountsCommand.passwordFromStandardInput(passwordStdin)
            let directory = try options.directory()
            try AccountsCommand.refusing {
                try directory.add(
                    PortalAccount(name: user, role: role, region: region, department: department),
                    password: password)
            }
            print("已新增账号 Added account: \(user) (\(role.rawValue) \(region)\(department.map { "/\($0)" } ?? ""))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出账号 List the accounts.")

        @OptionGroup var options: Options

        func run() throws {
            print(try options.directory().table().rendered(as: .table))
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "删除账号并注销其会话 Remove an account and end its sessions.")

        @OptionGroup var options: Options

        @Option(help: "账号名 User name.")
        var user: String

        func run() throws {
            let directory = try options.directory()
            try AccountsCommand.refusing { try directory.remove(name: user) }
            print("已删除账号 Removed account: \(user)")
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "修改密码并注销其会话 Set a new password (from standard input) and end the account's sessions.")

        @OptionGroup var options: Options

        @Option(help: "账号名 User name.")
        var user: String

        @Flag(help: "从标准输入读取密码 Read the password from standard input (required).")
        var passwordStdin = false

        func run() throws {
            let password = try AccountsCommand.passwordFromStandardInput(passwordStdin)
            let directory = try options.directory()
            try AccountsCommand.refusing { try directory.setPassword(name: user, password: password) }
            print("已修改密码 Password changed: \(user)")
        }
    }
}
