namespace PartnerPortal.BuildingBlocks.Jobs;

/// <summary>What a recalculation did: stored as the job's result and logged.</summary>
public sealed record RecalculationReport(string Quarter, int Documents, long DurationMs);
