using System.Security.Claims;

namespace PartnerPortal.BuildingBlocks.Security;

/// <summary>
/// Whether a login cookie's session is still open: the cookie carries the user's security stamp from sign-in
/// (<see cref="StampClaim"/>), and signing out, a lock or a new password give the user a new stamp, which ends every
/// session of that user on every host (ADR 0027). The host's cookie handler asks on every request; the answer comes
/// from a short per-host cache, so a page view costs a database round trip only once per user and cache period.
/// </summary>
public interface ILoginSessions
{
    /// <summary>The claim with the security stamp the session was opened with.</summary>
    public const string StampClaim = "security_stamp";

    /// <summary>True while the principal's user exists and still has the stamp the principal carries.</summary>
    ValueTask<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken ct);
}
