using PartnerPortal.BuildingBlocks;
using PartnerPortal.FollowUps;
using PartnerPortal.Funds;
using PartnerPortal.Incentives;
using PartnerPortal.Notifications;
using PartnerPortal.Partners;
using PartnerPortal.Scoring;
using PartnerPortal.Surveys;
using PartnerPortal.Training;

namespace PartnerPortal.Host.Modules;

/// <summary>
/// The explicit module list. Each module can be switched off with <c>PartnerPortal:Modules:{Name}:Enabled=false</c>;
/// a module whose dependency is off refuses to start, saying which.
/// </summary>
internal static class HostModules
{
    private static readonly ModuleEntry[] All =
    [
        new(new PartnersModule(), Required: true),
        new(new SurveysModule(), DependsOn: ["Partners"]),
        new(new ScoringModule(), DependsOn: ["Partners", "Surveys"]),
        new(new IncentivesModule(), DependsOn: ["Partners", "Scoring"]),
        new(new FundsModule(), DependsOn: ["Partners"]),
        new(new TrainingModule(), DependsOn: ["Partners", "Funds"]),
        new(new FollowUpsModule(), DependsOn: ["Partners", "Surveys"]),
        new(new NotificationsModule(), DependsOn: ["Partners"]),
    ];

    public static IReadOnlyList<IModule> Enabled(IConfiguration configuration)
    {
        var enabled = All.Where(e => e.Required || configuration.GetValue($"PartnerPortal:Modules:{e.Module.Name}:Enabled", true)).ToList();
        var names = enabled.Select(e => e.Module.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in enabled)
        {
            var missing = entry.DependsOn?.Where(d => !names.Contains(d)).ToArray() ?? [];
            if (missing.Length > 0)
                throw new InvalidOperationException(
                    $"Module {entry.Module.Name} needs {string.Join(", ", missing)}; enable it or disable {entry.Module.Name}.");
        }
        return enabled.Select(e => e.Module).ToArray();
    }

    private sealed record ModuleEntry(IModule Module, bool Required = false, string[]? DependsOn = null);
}
