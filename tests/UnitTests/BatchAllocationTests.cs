using System.Text;
using Microsoft.AspNetCore.Http;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Surveys.Contracts;
using PartnerPortal.Surveys.Ingestion;

namespace PartnerPortal.UnitTests;

/// <summary>ADR 0050: a full batch allocates no array on the large object heap (85,000 bytes and more), whose budget set off
/// a full collection every few batches; and the vocabulary's values are its own strings.</summary>
public sealed class BatchAllocationTests
{
    private const int LargeObjectBytes = 85_000;

    [Theory]
    [InlineData(1)]
    [InlineData(8_193)]
    [InlineData(BatchResult.MaxItems)]
    public async Task A_batch_of_items_is_read_into_a_list_of_less_than_large_object_size(int count)
    {
        var items = string.Join(',', Enumerable.Range(0, count).Select(i =>
            $$$"""{"responseId":"r-{{{i}}}","respondedAt":"2023-05-02T10:15:00+02:00","segment":"private","channel":"hotline","scores":{"touchpoint":9}}"""));
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes($$"""{"items":[{{items}}]}"""));

        var (inputs, problem) = await ResponseJson.ReadBatchAsync(context.Request, TestContext.Current.CancellationToken);

        Assert.Null(problem);
        Assert.Equal(count, inputs!.Count);
        Assert.True(inputs.Capacity * IntPtr.Size < LargeObjectBytes, $"The list holds {inputs.Capacity} references.");
        Assert.Same(Segments.Private, inputs[^1].Segment);
        Assert.Same(Channels.Hotline, inputs[^1].Channel);
    }
}
