using System.Net;
using System.Net.Http.Json;
using PartnerPortal.IntegrationTests.Infrastructure;

namespace PartnerPortal.IntegrationTests.Training;

/// <summary>ADR 0030 for training: sessions, bookings, completions and programme years outside 2000–2100 are field errors.</summary>
public sealed class TrainingDateTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1999-12-31")]
    [InlineData("2101-01-01")]
    [InlineData("9999-12-31")]
    public async Task A_session_or_coaching_dated_outside_2000_to_2100_is_400_with_the_range(string date)
    {
        var (partnerId, shops) = await host.CreatePartnerAsync();
        using var admin = host.Admin();
        var session = await admin.PostAsJsonAsync("/api/v1/training/sessions", new { title = "Perfect Pitch", date, place = "Köln", seats = 10 }, Ct);
        Assert.Contains("2000-01-01 to 2100-12-31", (await session.ProblemAsync(HttpStatusCode.BadRequest)).Errors("date")[0], StringComparison.Ordinal);
        var booking = await admin.PostAsJsonAsync("/api/v1/training/coaching-bookings",
            new { partnerId, shopId = shops[0], date, topic = "sales-conversation", days = 1, participants = 5 }, Ct);
        Assert.Contains("2000-01-01 to 2100-12-31", (await booking.ProblemAsync(HttpStatusCode.BadRequest)).Errors("date")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_completion_dated_outside_the_range_is_rejected_alone()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var id = PortalHost.NewId("cd");
        object Item(string suffix, string completedAt) => new { completionId = $"{id}-{suffix}", partnerId, personId = "person-1", courseId = "course-1", completedAt };
        using var admin = host.Admin();
        var batch = await (await admin.PostAsJsonAsync("/api/v1/training/elearning-completions/batch", new { items = new[]
        {
            Item("ok", "2034-03-01T10:00:00+01:00"), Item("0001", "0001-01-01T00:00:00Z"), Item("9999", "9999-12-31T23:59:59Z"),
            Item("1899", "1899-12-31T23:00:00Z"), Item("last", "2100-12-31T23:59:59+01:00"),
        } }, Ct)).JsonAsync();
        Assert.Equal(["accepted", "rejected", "rejected", "rejected", "accepted"],
            batch.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(2, await host.ScalarAsync<long>("select count(*) from training.mt_doc_elearningcompletion where id like $1", id + "-%"));
    }

    [Theory]
    [InlineData("/api/v1/training/programmes/1899")]
    [InlineData("/api/v1/training/programmes/2101")]
    [InlineData("/api/v1/training/sessions?year=0001")]
    [InlineData("/api/v1/training/sessions?year=9999")]
    [InlineData("/api/v1/training/coaching-bookings?year=1999")]
    public async Task A_year_outside_2000_to_2100_is_400(string url)
    {
        using var admin = host.Admin();
        var problem = await (await admin.GetAsync(url, Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("2000 to 2100", problem.Errors("year")[0], StringComparison.Ordinal);
    }
}
