import Foundation
import HTTPTypes
import Hummingbird
import Pipeline

/// Finds who is asking: the client's address (the peer's, or behind a
/// proxy the last `X-Forwarded-For` entry, which the proxy added) and the
/// open session the cookie names, if any.
struct SessionLoader: RouterMiddleware {
    typealias Context = PortalContext
    static let cookieName = "huanxin_session"

    let sessions: PortalSessions
    let behindProxy: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        context.clientAddress = clientAddress(request, peer: context.peerAddress)
        if let token = request.cookies[Self.cookieName]?.value, Self.isToken(token) {
            let sessions = sessions
            context.session = try await offloaded { try sessions.session(token: token) }
        }
        return try await next(request, context)
    }

    private func clientAddress(_ request: Request, peer: String?) -> String {
        if behindProxy, let forwarded = request.headers[.xForwardedFor],
            let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty
        {
            return String(last.prefix(64))
        }
        return peer ?? "local"
    }

    /// 64 lower-case hex digits, as `PortalSessions` makes them.
    static func isToken(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// The cookie that carries a session; `maxAge` 0 clears it.
    static func cookie(_ token: String, secure: Bool, maxAge: Int? = nil) -> Cookie {
        Cookie(
            name: cookieName, value: token, maxAge: maxAge, path: "/", secure: secure, httpOnly: true,
            sameSite: .strict)
    }
}

/// The CSRF check of a state-changing request made with a session: the
/// token from the header `X-CSRF-Token`, else from the form field `csrf`,
/// must be the session's.
enum CSRF {
    static let header = HTTPField.Name.xCSRFToken

    static func check(_ request: Request, session: PortalSessions.Session, formValue: String?) throws {
        guard let given = request.headers[header] ?? formValue, matches(given, session.csrfToken) else {
            throw PortalError.csrf
        }
    }

    /// Compared in time that does not depend on where they differ.
    static func matches(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
