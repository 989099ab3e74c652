using PartnerPortal.Partners.Contracts;
using PartnerPortal.Surveys;
using PartnerPortal.Surveys.Ingestion;

namespace PartnerPortal.UnitTests;

/// <summary>Ingestion COPYs a batch grouped by partner, then in time, then by id (ADR 0024), a total order so overlapping
/// batches cannot dead-lock: the ranked keys sort exactly as the partner ids, ticks and ids themselves do.</summary>
public sealed class PartnerIndexOrderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2_000)]
    [InlineData(10_000)]
    public void Rows_sort_by_partner_id_time_and_id_in_ordinal_order_with_the_rows_without_partner_first(int count)
    {
        var random = new Random(count);
        // Ids whose ordinal order differs from a culture's ("B" before "a", "é" after "z"), and responses without partner.
        string[] partnerIds = ["p-B", "p-a", "p-é", "p-z", "P-1", "p-10", "p-9"];
        var partners = partnerIds.ToDictionary(p => p, p => new PartnerInfo(p, p, []), StringComparer.Ordinal);
        var start = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var rows = Enumerable.Range(0, count).Select(i => new SurveyResponse
        {
            Id = $"r-{random.Next(1_000_000):D7}-{i}",
            PartnerId = random.Next(8) == 0 ? null : partnerIds[random.Next(partnerIds.Length)],
            // Few distinct times, so ties go to the id; written with other offsets.
            RespondedAt = start.AddMinutes(random.Next(50)).ToOffset(TimeSpan.FromHours(random.Next(-5, 6))),
            Segment = "private", Channel = "partner-shop",
        }).ToArray();
        var expected = rows.OrderBy(r => r.PartnerId, StringComparer.Ordinal).ThenBy(r => r.RespondedAt.UtcTicks).ThenBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => r.Id).ToArray();

        SurveyIngestion.SortInPartnerIndexOrder(rows, partners);

        Assert.Equal(expected, rows.Select(r => r.Id));
    }
}
