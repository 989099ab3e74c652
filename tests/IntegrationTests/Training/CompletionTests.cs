using System.Net;
using System.Net.Http.Json;
using PartnerPortal.IntegrationTests.Infrastructure;
using PartnerPortal.SharedKernel;

namespace PartnerPortal.IntegrationTests.Training;

/// <summary>E-learning completions: batches idempotent by completionId, validated per item, partner-confined.</summary>
public sealed class CompletionTests(PortalHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_completion_twice_is_a_duplicate_other_content_a_conflict_and_bad_items_are_rejected()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var (other, _) = await host.CreatePartnerAsync();
        var id = PortalHost.NewId("c");
        object Item(string completionId, string partner, string course = "course-1", string at = "2034-03-01T10:00:00+01:00") =>
            new { completionId, partnerId = partner, personId = "person-1", courseId = course, completedAt = at };

        using var admin = host.Admin();
        var first = await (await admin.PostAsJsonAsync("/api/v1/training/elearning-completions/batch", new { items = new[]
        {
            Item(id, partnerId), Item(id, partnerId), Item(id + "-b", partnerId, at: "2034-03-01T10:00:00"), Item(id + "-c", "p-unknown-x"),
        } }, Ct)).JsonAsync();
        Assert.Equal(["accepted", "duplicate", "rejected", "rejected"], first.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.NotEmpty(first.GetProperty("results")[2].GetProperty("errors").GetProperty("completedAt").EnumerateArray());
        Assert.NotEmpty(first.GetProperty("results")[3].GetProperty("errors").GetProperty("partnerId").EnumerateArray());

        // The same instant with another offset is the same content; another course is a conflict and the stored one stays.
        var again = await (await admin.PostAsJsonAsync("/api/v1/training/elearning-completions/batch", new { items = new[]
        {
            Item(id, partnerId, at: "2034-03-01T09:00:00Z"), Item(id, partnerId, course: "course-2"),
        } }, Ct)).JsonAsync();
        Assert.Equal(["duplicate", "conflict"], again.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.Equal("course-1", await host.ScalarAsync<string>("select data->>'courseId' from training.mt_doc_elearningcompletion where id = $1", id));

        using var partner = host.WithKey(await host.CreateKeyAsync([Scopes.TrainingWrite], partnerId));
        var confined = await (await partner.PostAsJsonAsync("/api/v1/training/elearning-completions/batch",
            new { items = new[] { Item(id + "-d", other) } }, Ct)).JsonAsync();
        Assert.Equal("rejected", confined.GetProperty("results")[0].GetProperty("status").GetString());
        Assert.Equal(1L, await host.ScalarAsync<long>("select count(*) from training.mt_doc_elearningcompletion where data->>'id' like $1", id + "%"));
    }

    [Fact]
    public async Task A_batch_over_10000_items_is_refused_whole()
    {
        var (partnerId, _) = await host.CreatePartnerAsync();
        var prefix = PortalHost.NewId("c");
        var items = Enumerable.Range(0, 10_001).Select(i => new
        {
            completionId = $"{prefix}-{i}", partnerId, personId = "p", courseId = "c", completedAt = "2034-03-01T10:00:00Z",
        });
        using var admin = host.Admin();
        await (await admin.PostAsJsonAsync("/api/v1/training/elearning-completions/batch", new { items }, Ct)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0L, await host.ScalarAsync<long>("select count(*) from training.mt_doc_elearningcompletion where id like $1", prefix + "%"));
    }
}
