import Foundation
import Hummingbird

/// Refuses (403) a state-changing request whose `Origin` — or, without one,
/// `Referer` — names another site than the one it was sent to, whatever
/// else it carries. Requests with neither (scripts, curl) pass on to the
/// CSRF token check.
struct OriginCheck<Context: RequestContext>: RouterMiddleware {
    let behindProxy: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard ![.get, .head, .options].contains(request.method) else { return try await next(request, context) }
        let claimed = request.headers[.origin] ?? request.headers[.referer]
        if let claimed {
            let host =
                (behindProxy ? request.headers[.xForwardedHost] : nil)
                ?? request.head.authority
            guard let host, let url = URL(string: claimed), let claimedHost = url.host,
                Self.authority(host: claimedHost, port: url.port) == host.lowercased()
            else {
                throw PortalError.foreignOrigin
            }
        }
        return try await next(request, context)
    }

    /// `host` or `host:port`, as a Host header writes it.
    static func authority(host: String, port: Int?) -> String {
        let host = host.contains(":") ? "[\(host)]" : host
        return (port.map { "\(host):\($0)" } ?? host).lowercased()
    }
}
