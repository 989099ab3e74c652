using System.Data.Common;

namespace PartnerPortal.FollowUps.Contracts;

/// <summary>A follow-up case of a detractor response (DOMAIN.md "Closing the loop with detractors"), as other modules
/// see it: enough to write a notification about it.</summary>
public sealed record FollowUpCaseInfo(
    string CaseId,
    string ResponseId,
    string PartnerId,
    string? ShopId,
    string Quarter,
    int Score,
    string? Comment,
    DateTimeOffset OpenedAt,
    DateTimeOffset DueAt);

/// <summary>
/// Told about cases the moment they are opened, inside the transaction that stores their responses and opens them,
/// on that transaction's connection: what a listener writes there (the mail outbox) commits or rolls back with the
/// cases, so no notification is lost and none is written for a case that was never stored. A listener must not open
/// another connection for its writes and must not commit. FollowUps depends on no other module for this; a host
/// without mail simply has no listener.
/// </summary>
public interface IFollowUpCaseListener
{
    Task CasesOpenedAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<FollowUpCaseInfo> cases, CancellationToken ct);
}

/// <summary>Reads of the follow-up cases for other modules (the mail digests).</summary>
public interface IFollowUpCases
{
    /// <summary>Cases opened in [<paramref name="from"/>, <paramref name="to"/>), of one partner or (null) of all,
    /// oldest first.</summary>
    Task<IReadOnlyList<FollowUpCaseInfo>> OpenedBetweenAsync(DateTimeOffset from, DateTimeOffset to, string? partnerId, CancellationToken ct);

    /// <summary>Cases not closed whose due time lies before <paramref name="now"/>, of one partner or (null) of all,
    /// oldest due first.</summary>
    Task<IReadOnlyList<FollowUpCaseInfo>> OverdueAsync(DateTimeOffset now, string? partnerId, CancellationToken ct);
}

/// <summary>Where a case is worked: the partner's "Rückmeldungen" page. <c>?fall=</c> shows the case first with its close
/// form unfolded, on whichever page of the list it is; the fragment names its row (<c>id="fall-{caseId}"</c>).</summary>
public static class FollowUpLinks
{
    public const string PagePath = "/rueckmeldungen";

    /// <summary><c>/rueckmeldungen?fall={caseId}#fall-{caseId}</c>, with <c>meldung=</c> first when given (a page message).</summary>
    public static string Case(string caseId, string? meldung = null)
    {
        var id = Uri.EscapeDataString(caseId);
        return $"{PagePath}?{(meldung is null ? "" : "meldung=" + Uri.EscapeDataString(meldung) + "&")}fall={id}#fall-{id}";
    }
}
