using PartnerPortal.BuildingBlocks.Data;
using Microsoft.AspNetCore.Identity;

namespace PartnerPortal.Partners.Logins;

/// <summary>Identity's user store on Marten: just what password hashing and the security stamp need. Lockout is not
/// Identity's (a read-modify-write of the document lost parallel failures): see <see cref="LoginFailures"/>.</summary>
internal sealed class MartenUserStore(IDocumentSession session, LoginSessions sessions) :
    IUserPasswordStore<PortalUser>, IUserEmailStore<PortalUser>, IUserSecurityStampStore<PortalUser>
{
    public void Dispose() { }

    public Task<string> GetUserIdAsync(PortalUser user, CancellationToken ct) => Task.FromResult(user.Id);
    public Task<string?> GetUserNameAsync(PortalUser user, CancellationToken ct) => Task.FromResult<string?>(user.Email);
    public Task SetUserNameAsync(PortalUser user, string? userName, CancellationToken ct) { user.Email = userName ?? ""; return Task.CompletedTask; }
    public Task<string?> GetNormalizedUserNameAsync(PortalUser user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedEmail);
    public Task SetNormalizedUserNameAsync(PortalUser user, string? normalizedName, CancellationToken ct) { user.NormalizedEmail = normalizedName ?? ""; return Task.CompletedTask; }

    public async Task<IdentityResult> CreateAsync(PortalUser user, CancellationToken ct)
    {
        session.Insert(user);
        try
        {
            await session.SaveChangesAsync(ct);
            return IdentityResult.Success;
        }
        catch (Exception e) when (MartenErrors.IsAlreadyExists(e))
        {
            return IdentityResult.Failed(new IdentityError { Code = "DuplicateEmail", Description = $"A user with e-mail '{user.Email}' exists already." });
        }
    }

    public async Task<IdentityResult> UpdateAsync(PortalUser user, CancellationToken ct)
    {
        session.Update(user);
        await session.SaveChangesAsync(ct);
        sessions.Forget(user.Id); // a new password comes with a new stamp: this host sees it at once
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> DeleteAsync(PortalUser user, CancellationToken ct)
    {
        session.Delete(user);
        await session.SaveChangesAsync(ct);
        sessions.Forget(user.Id);
        return IdentityResult.Success;
    }

    public Task<PortalUser?> FindByIdAsync(string userId, CancellationToken ct) => session.LoadAsync<PortalUser>(userId, ct);

    public Task<PortalUser?> FindByNameAsync(string normalizedUserName, CancellationToken ct) => FindByEmailAsync(normalizedUserName, ct);

    public Task SetPasswordHashAsync(PortalUser user, string? passwordHash, CancellationToken ct) { user.PasswordHash = passwordHash; return Task.CompletedTask; }
    public Task<string?> GetPasswordHashAsync(PortalUser user, CancellationToken ct) => Task.FromResult(user.PasswordHash);
    public Task<bool> HasPasswordAsync(PortalUser user, CancellationToken ct) => Task.FromResult(user.PasswordHash is not null);

    public Task SetEmailAsync(PortalUser user, string? email, CancellationToken ct) { user.Email = email ?? ""; return Task.CompletedTask; }
    public Task<string?> GetEmailAsync(PortalUser user, CancellationToken ct) => Task.FromResult<string?>(user.Email);
    public Task<bool> GetEmailConfirmedAsync(PortalUser user, CancellationToken ct) => Task.FromResult(true);
    public Task SetEmailConfirmedAsync(PortalUser user, bool confirmed, CancellationToken ct) => Task.CompletedTask;

    public Task<PortalUser?> FindByEmailAsync(string normalizedEmail, CancellationToken ct) =>
        session.Query<PortalUser>().FirstOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, ct);

    public Task<string?> GetNormalizedEmailAsync(PortalUser user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedEmail);
    public Task SetNormalizedEmailAsync(PortalUser user, string? normalizedEmail, CancellationToken ct) { user.NormalizedEmail = normalizedEmail ?? ""; return Task.CompletedTask; }

    public Task SetSecurityStampAsync(PortalUser user, string stamp, CancellationToken ct) { user.SecurityStamp = stamp; return Task.CompletedTask; }
    public Task<string?> GetSecurityStampAsync(PortalUser user, CancellationToken ct) => Task.FromResult<string?>(user.SecurityStamp);
}
