using PartnerPortal.FollowUps.Stats;

namespace PartnerPortal.FollowUps.Pages;

/// <summary>The Übersicht's tile: the quarter's closed-loop rate of the partner, with its open and overdue cases.</summary>
internal sealed class FollowUpTile(CaseFigures figures, TimeProvider clock) : IOverviewTiles
{
    public async Task<OverviewTile?> TileAsync(Caller caller, string quarter, CancellationToken ct)
    {
        if (caller.PartnerId is null || !caller.HasScope(Scopes.FollowUpsRead)) return null;
        var stats = await GetStats.HandleAsync(quarter, null, caller, figures, clock, ct);
        if (stats.Value is not { } s) return null;
        return new OverviewTile("Abschlussquote Rückmeldungen", FollowUpsPage.Rate(s), "{0} offen · {1} überfällig", [s.Open, s.Overdue], FollowUpPageEndpoints.Path,
            "followup-tile");
    }
}
