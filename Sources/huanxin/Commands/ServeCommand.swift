import ArgumentParser
import Foundation
import Pipeline
import Portal

/// `huanxin serve`: the web portal.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "门户网站 The web portal: log in, upload with an immediate receipt, status, targets, roll-ups.",
        discussion: """
            仅监听本机地址；对外服务请放在 HTTPS 反向代理（如 nginx）之后并加 --behind-proxy（见 docs/portal.md）。
            Listens on 127.0.0.1 by default; put it behind an HTTPS reverse proxy (nginx) with --behind-proxy
            to serve others (docs/portal.md). Accounts: `huanxin accounts add`.
            """
    )

    @OptionGroup var options: DeploymentOptions

    @Option(help: "监听地址 Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "端口 Port.")
    var port = 8080

    @Option(help: "上传文件大小上限（MiB）Largest upload accepted, in MiB.")
    var maxUploadMib = 20

    @Flag(
        help:
            "在反向代理之后：客户端地址取 X-Forwarded-For 最后一项，Cookie 加 Secure Behind a reverse proxy: client address from the last X-Forwarded-For entry, Secure cookies."
    )
    var behindProxy = false

    func run() async throws {
        ConsoleLogging.bootstrap(level: .info, format: .text)
        guard (1...1024).contains(maxUploadMib) else {
            throw ValidationError("--max-upload-mib 应在 1 到 1024 之间 must be 1 to 1024")
        }
        let deployment = options.deployment
        let catalog = try withCatalog { try deployment.loadCatalog() }
        var settings = PortalSettings()
        settings.host = host
        settings.port = port
        settings.maxUploadMiB = maxUploadMib
        settings.behindProxy = behindProxy
        let portal = try Portal(settings: settings, deployment: deployment, catalog: catalog)
        print("门户已启动 Portal listening on http://\(host):\(port)/  (Ctrl-C 停止 to stop)")
        try await portal.serve()
    }
}
