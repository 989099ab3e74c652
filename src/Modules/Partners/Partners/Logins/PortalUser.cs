namespace PartnerPortal.Partners.Logins;

/// <summary>A portal login. Passwords are hashed by ASP.NET Core Identity's hasher; lockout is Identity's.</summary>
public sealed class PortalUser
{
    public string Id { get; set; } = "";
    public string Email { get; set; } = "";
    public string NormalizedEmail { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = "";
    public string? PartnerId { get; set; }
    public string? PasswordHash { get; set; }
    public string SecurityStamp { get; set; } = "";
    public int AccessFailedCount { get; set; }
    public DateTimeOffset? LockoutEnd { get; set; }
    public bool LockoutEnabled { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}
