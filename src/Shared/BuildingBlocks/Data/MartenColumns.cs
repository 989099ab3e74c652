using Marten;

namespace PartnerPortal.BuildingBlocks.Data;

public static class MartenColumns
{
    /// <summary>
    /// Duplicates document members into real columns (for SQL aggregation and filtering) without the index that
    /// Marten's <c>Duplicate()</c> adds to each: a module declares the few composite indexes its queries need, and
    /// bulk writes do not pay for indexes no query uses.
    /// </summary>
    public static void DuplicateColumns<T>(this StoreOptions options, params string[] members)
    {
        var properties = members.Select(m => typeof(T).GetProperty(m)
            ?? throw new ArgumentException($"{typeof(T).Name} has no property {m}.", nameof(members))).ToArray();
        options.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType != typeof(T)) return;
            foreach (var property in properties) mapping.DuplicateField([property]);
        });
    }
}
