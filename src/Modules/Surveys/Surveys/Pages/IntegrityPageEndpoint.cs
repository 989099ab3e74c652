using PartnerPortal.BuildingBlocks.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Surveys.Trust;

namespace PartnerPortal.Surveys.Pages;

/// <summary>The "Quarantäne" form of one flagged response; the quarter and partner say which page to come back to.</summary>
internal sealed class QuarantineForm
{
    public string? Note { get; set; }
    public string? Quarter { get; set; }
    public string? PartnerId { get; set; }
}

/// <summary>A flagged response as the page lists it; <paramref name="ShopName"/> is what the page shows (the directory's
/// label, the id only for a shop the directory does not know).</summary>
public sealed record FlaggedRow(string ResponseId, string PartnerId, string PartnerName, string? ShopId, string? ShopName, DateTimeOffset RespondedAt,
    int? Touchpoint, string? Comment, IReadOnlyList<string> Flags, string? Excluded);

/// <summary>A partner's line in the overview.</summary>
public sealed record PartnerRow(string PartnerId, string PartnerName, FlagCountsView Counts, PromoterShareView PromoterShare, int Flagged);

/// <summary>
/// <c>/auffaelligkeiten</c> (back office only: scope <c>surveys:review</c> and a signed-in back-office user): the integrity
/// flags of a quarter as of the last run (<see cref="GetIntegrity"/>), per partner and per flagged response, each with a
/// "Quarantäne" form posting to <c>/auffaelligkeiten/antworten/{responseId}/quarantaene</c>, which calls
/// <see cref="QuarantineResponse.RunAsync"/> (the API's use case) and maps its outcome.
/// </summary>
internal static class IntegrityPageEndpoint
{
    public const string Path = "/auffaelligkeiten";

    /// <summary>Flagged responses listed at most when no partner is chosen.</summary>
    public const int MaxRows = 200;

    /// <summary>What a quarantine shows after its redirect (codes, so a link cannot make the page say anything else).</summary>
    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
    {
        ["quarantaene"] = "Antwort {0} ist in Quarantäne: sie zählt in keiner Kennzahl mehr, das Quartal wird neu berechnet.",
        ["bereits"] = "Antwort {0} war bereits in Quarantäne.",
    };

    public static void Map(IEndpointRouteBuilder pages)
    {
        pages.MapGet(Path, async (string? quarter, string? partnerId, string? meldung, string? antwort, Caller caller, IDocumentStore store,
                IQuerySession session, IPartnerDirectory partners, TimeProvider clock, CancellationToken ct) =>
            {
                if (!caller.IsBackOffice) return Results.Forbid();
                var q = Quarter.TryParse(quarter, out var parsed) ? parsed : Quarter.Of(clock.GetUtcNow());
                var notice = meldung is not null && Messages.TryGetValue(meldung, out var text) && antwort is not null
                             && (await session.LoadAsync<ResponseExclusion>(antwort, ct))?.Reason == ExclusionReasons.Integrity
                    ? (text, antwort)
                    : ((string, string)?)null;
                return await PageAsync(q, partnerId, notice, null, StatusCodes.Status200OK, store, session, partners, clock, ct);
            })
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.SurveysReview))
            .RequireUnboundCaller();

        pages.MapPost(Path + "/antworten/{responseId}/quarantaene", async (string responseId, [FromForm] QuarantineForm form, Caller caller,
                IDocumentStore store, IQuerySession session, Exclusions exclusions, IPartnerDirectory partners, TimeProvider clock, CancellationToken ct) =>
            {
                if (!caller.IsBackOffice) return Results.Forbid();
                var result = await QuarantineResponse.RunAsync(responseId, form.Note, caller, store, exclusions, clock, ct);
                var q = Quarter.TryParse(form.Quarter, out var parsed) ? parsed
                    : Quarter.TryParse(result.Response?.Quarter, out var own) ? own : Quarter.Of(clock.GetUtcNow());
                var partnerId = string.IsNullOrEmpty(form.PartnerId) ? null : form.PartnerId;
                var back = $"{Path}?quarter={q}{(partnerId is null ? "" : "&partnerId=" + Uri.EscapeDataString(partnerId))}&antwort={Uri.EscapeDataString(responseId)}";
                return result.Outcome switch
                {
                    Quarantine.Outcome.Done => Results.Redirect(back + "&meldung=quarantaene"),
                    Quarantine.Outcome.Unchanged => Results.Redirect(back + "&meldung=bereits"),
                    Quarantine.Outcome.Invalid => await PageAsync(q, partnerId, null, "Bitte geben Sie eine Notiz an (höchstens 2.000 Zeichen, ohne Steuerzeichen).",
                        StatusCodes.Status400BadRequest, store, session, partners, clock, ct),
                    Quarantine.Outcome.NotFound => await PageAsync(q, partnerId, null, "Diese Antwort gibt es nicht.",
                        StatusCodes.Status404NotFound, store, session, partners, clock, ct),
                    _ => await PageAsync(q, partnerId, null, "Diese Antwort ist bereits durch einen angenommenen Einspruch ausgeschlossen.",
                        StatusCodes.Status409Conflict, store, session, partners, clock, ct),
                };
            })
            .RequireAuthorization(ScopeAuthorization.PolicyName(Scopes.SurveysReview))
            .RequireUnboundCaller();
    }

    private static async Task<IResult> PageAsync(Quarter quarter, string? partnerId, (string Text, string ResponseId)? notice, string? error, int status,
        IDocumentStore store, IQuerySession session, IPartnerDirectory partners, TimeProvider clock, CancellationToken ct)
    {
        partnerId = string.IsNullOrEmpty(partnerId) ? null : partnerId;
        // The quarter list: the last eight, and the last checked ones (a check may be run for any quarter).
        var checkedQuarters = await session.QueryAsync<string>($"select id from {MartenTables.Of<IntegrityRun>(store)} order by id desc limit 8", ct);
        var all = await GetIntegrity.QueryAsync(quarter.ToString(), null, store, ct);
        if (all.Outcome != GetIntegrity.Outcome.Found)
            return Page(quarter, checkedQuarters, clock, null, [], [], 0, null, null, "Die Auswahl ist ungültig.", StatusCodes.Status400BadRequest);
        var view = all.View!;
        var names = await partners.FindManyAsync(view.Partners.Select(p => p.PartnerId), ct);
        string Name(string id) => names.TryGetValue(id, out var p) ? p.Name : id;

        var partnerRows = view.Partners
            .Where(p => p.Responses.Count > 0 || p.PromoterShare.Flagged)
            .Select(p => new PartnerRow(p.PartnerId, Name(p.PartnerId), p.FlagCounts, p.PromoterShare, p.Responses.Count))
            .OrderByDescending(r => r.Flagged + (r.PromoterShare.Flagged ? 1 : 0)).ThenBy(r => r.PartnerName, StringComparer.CurrentCulture)
            .ToArray();
        var scope = view.Partners.Where(p => partnerId is null || p.PartnerId == partnerId);
        var flagged = scope.SelectMany(p => p.Responses.Select(r => (p.PartnerId, Response: r))).ToArray();
        var shown = (partnerId is null ? flagged.OrderBy(f => f.Response.RespondedAt).Take(MaxRows) : flagged.AsEnumerable()).ToArray();

        var ids = shown.Select(s => s.Response.ResponseId).ToArray();
        var responses = await ResponseRows.LoadManyAsync(session, ids, ct);
        var excluded = ids.Length == 0 ? new Dictionary<string, ResponseExclusion>()
            : (await session.LoadManyAsync<ResponseExclusion>(ct, ids)).ToDictionary(x => x.Id, StringComparer.Ordinal);
        var rows = shown.Select(s =>
        {
            var r = responses.GetValueOrDefault(s.Response.ResponseId);
            return new FlaggedRow(s.Response.ResponseId, s.PartnerId, Name(s.PartnerId), s.Response.ShopId,
                names.TryGetValue(s.PartnerId, out var p) ? p.ShopLabel(s.Response.ShopId) ?? s.Response.ShopId : s.Response.ShopId, s.Response.RespondedAt, r?.Touchpoint, r?.Comment,
                s.Response.Flags, excluded.GetValueOrDefault(s.Response.ResponseId)?.Reason);
        }).ToArray();
        return Page(quarter, checkedQuarters, clock, view, partnerRows, rows, flagged.Length, partnerId is null ? null : (partnerId, Name(partnerId)),
            notice, error, status, view.Partners.Count - partnerRows.Length);
    }

    private static IResult Page(Quarter quarter, IEnumerable<string> checkedQuarters, TimeProvider clock, IntegrityView? view,
        IReadOnlyList<PartnerRow> partners, IReadOnlyList<FlaggedRow> rows, int flaggedTotal, (string Id, string Name)? chosen,
        (string Text, string ResponseId)? notice, string? error, int status, int unflaggedPartners = 0)
    {
        var options = new List<string>();
        for (var o = Quarter.Of(clock.GetUtcNow()); options.Count < 8; o = o.Previous()) options.Add(o.ToString());
        options = options.Union(checkedQuarters).Append(quarter.ToString()).Distinct().OrderDescending(StringComparer.Ordinal).ToList();
        return new RazorComponentResult<IntegrityPage>(new
        {
            Quarter = quarter.ToString(),
            QuarterOptions = options,
            View = view,
            Partners = partners,
            Rows = rows,
            FlaggedTotal = flaggedTotal,
            ChosenPartnerId = chosen?.Id,
            ChosenPartnerName = chosen?.Name,
            UnflaggedPartners = unflaggedPartners,
            Notice = notice?.Text,
            NoticeResponseId = notice?.ResponseId,
            Error = error,
        }) { StatusCode = status };
    }
}
