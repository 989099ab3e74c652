using PartnerPortal.BuildingBlocks.Security;

namespace PartnerPortal.BuildingBlocks.Web;

/// <summary>A figure another module shows on the partner's Übersicht (Scoring's page), in German (the page translates
/// <see cref="Title"/> and the format <see cref="Detail"/> with the module's text table, then fills in
/// <see cref="DetailArgs"/>): the value, a line below it and a link.</summary>
public sealed record OverviewTile(string Title, string Value, string Detail, object[] DetailArgs, string Href, string TestId);

/// <summary>A module's tile on the Übersicht: registered by the module, collected by the page, so Scoring depends on no
/// module for it (FollowUps' closed-loop rate, ADR 0041). Null when the caller has nothing to show.</summary>
public interface IOverviewTiles
{
    Task<OverviewTile?> TileAsync(Caller caller, string quarter, CancellationToken ct);
}
