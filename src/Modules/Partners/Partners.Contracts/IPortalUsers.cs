namespace PartnerPortal.Partners.Contracts;

/// <summary>A portal login as other modules may see it (never its password or stamp): enough to address a mail to it.</summary>
public sealed record PortalUserInfo(string UserId, string Email, string DisplayName, string Role, string? PartnerId)
{
    /// <summary>The audit actor of this login's own requests (<c>user:{id}</c>), to recognise a user acting on itself.</summary>
    public string Actor => "user:" + UserId;
}

/// <summary>The portal logins, read-only, for other modules (the mail notifications).</summary>
public interface IPortalUsers
{
    /// <summary>The login with this e-mail address (compared as the sign-in compares it), or null.</summary>
    Task<PortalUserInfo?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>The logins with these ids (unknown ids are left out).</summary>
    Task<IReadOnlyList<PortalUserInfo>> FindManyAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);

    /// <summary>The logins of these partners (partner users).</summary>
    Task<IReadOnlyList<PortalUserInfo>> OfPartnersAsync(IReadOnlyCollection<string> partnerIds, CancellationToken cancellationToken);

    /// <summary>The back-office logins.</summary>
    Task<IReadOnlyList<PortalUserInfo>> BackOfficeAsync(CancellationToken cancellationToken);
}
