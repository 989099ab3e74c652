using PartnerPortal.Incentives.Contracts;

namespace PartnerPortal.Surveys.Trust;

/// <summary>
/// The appeal window as Incentives states it (<see cref="IAppealWindows"/>), or the default one (14 days, no statement
/// approved) when the host runs without Incentives: Surveys depends on Partners only.
/// </summary>
internal sealed class AppealWindowLookup(IEnumerable<IAppealWindows> windows)
{
    private readonly IAppealWindows? _windows = windows.FirstOrDefault();

    public Task<AppealWindow> ForAsync(string quarter, string partnerId, CancellationToken ct) =>
        _windows?.ForAsync(quarter, partnerId, ct) ?? Task.FromResult(AppealWindow.Default(quarter));

    /// <summary>See <see cref="IAppealWindows.HoldApprovals"/>; nothing to hold without Incentives.</summary>
    public IDisposable? HoldApprovals(string quarter) => _windows is null ? NoHold.Instance : _windows.HoldApprovals(quarter);

    private sealed class NoHold : IDisposable
    {
        public static readonly NoHold Instance = new();

        public void Dispose()
        {
        }
    }
}
