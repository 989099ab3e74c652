namespace PartnerPortal.BuildingBlocks.Demo;

/// <summary>The time a showcase seeder runs a use case at when it replays the past (ADR 0056): a year of survey responses
/// stored as they arrived, follow-up cases worked the day they were worked. Handed to that one use case in place of the
/// host's clock; everything else keeps the real time. Never registered in the container.</summary>
public sealed class ShowcaseClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
