import ArgumentParser

@main
struct Huanxin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "huanxin",
        abstract: "设备更新和消费品以旧换新 数据报送与汇总 — intake and roll-up of the equipment-renewal and trade-in programme.",
        subcommands: [
            RunCommand.self, StatusCommand.self, ValidateCommand.self, RollupCommand.self, TemplateCommand.self,
            CatCommand.self, ConvertCommand.self, SchemasCommand.self, LedgerCommand.self,
        ]
    )
}
