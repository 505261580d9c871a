import Hummingbird
import NIOCore
import Pipeline

/// What a request carries through the portal's middleware and routes: the
/// peer's address and, once `SessionLoader` has looked, the session.
public struct PortalContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The TCP peer; nil in router tests (no socket).
    public let peerAddress: String?
    /// The client's address as the audit and the rate limit see it (`ClientAddress`).
    public var clientAddress = "unknown"
    public var session: PortalSessions.Session?
    /// The portal's own limit, checked while the body streams (`MultipartUpload`);
    /// Hummingbird's applies to bodies collected whole (forms).
    public var maxUploadSize: Int { 64 * 1024 }

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The session, or 401.
    func requireSession() throws -> PortalSessions.Session {
        guard let session else { throw PortalError.notLoggedIn }
        return session
    }
}
