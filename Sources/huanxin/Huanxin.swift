import ArgumentParser

@main
struct Huanxin: AsyncParsableCommand {
    /// The release; the receipts', status' and roll-ups' JSON carry their own schema versions.
    static let version = "0.15.0"
    static let configuration = CommandConfiguration(
        commandName: "huanxin",
        abstract: "设备更新和消费品以旧换新 数据报送与汇总 — intake and roll-up of the equipment-renewal and trade-in programme.",
        version: Huanxin.version,
        subcommands: [
            RunCommand.self, StatusCommand.self, ChaseCommand.self, ValidateCommand.self, RollupCommand.self,
            TemplateCommand.self, CatCommand.self, ConvertCommand.self, SchemasCommand.self, LedgerCommand.self,
            ServeCommand.self, AccountsCommand.self,
        ]
    )
}
