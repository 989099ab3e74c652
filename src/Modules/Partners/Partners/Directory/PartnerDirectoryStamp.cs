
namespace PartnerPortal.Partners.Directory;

/// <summary>
/// One small document whose <see cref="Version"/> changes in the same transaction as any change to a partner (see
/// <see cref="PartnerDirectoryStampListener"/>). A host keeps the partners it has read in memory while the stamp it
/// read them under is current, so a change made through any host is seen by the next lookup on every host.
/// </summary>
public sealed class PartnerDirectoryStamp
{
    public const string TheId = "directory";

    public string Id { get; set; } = TheId;
    public Guid Version { get; set; }
}

/// <summary>Stores a new <see cref="PartnerDirectoryStamp"/> with every session that inserts, updates or deletes a
/// partner, whatever code does it (the API, demo data, a future import).</summary>
internal sealed class PartnerDirectoryStampListener : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var changes = session.PendingChanges;
        if (changes.AllChangedFor<Partner>().Any() || changes.DeletionsFor<Partner>().Any())
            session.Store(new PartnerDirectoryStamp { Version = Guid.NewGuid() });
        return Task.CompletedTask;
    }
}
