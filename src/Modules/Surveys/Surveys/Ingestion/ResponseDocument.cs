using System.Text.Json;
using PartnerPortal.BuildingBlocks.Data;

namespace PartnerPortal.Surveys.Ingestion;

/// <summary>
/// Writes a <see cref="SurveyResponse"/> as the JSON Marten stores and reads (camelCase, as Marten's serializer names
/// the properties; absent values left out), straight to UTF-8 for the binary COPY (<see cref="CopyDocumentWriter{T}"/>).
/// Ingestion writes a million of these in a benchmark run: the general serializer and a string per document were a
/// tenth of its CPU. A test compares this
/// with Marten's own serializer, so a property added to the document cannot be forgotten here.
/// </summary>
internal sealed class ResponseDocument : CopyDocumentWriter<SurveyResponse>
{
    protected override void WriteProperties(Utf8JsonWriter w, SurveyResponse r)
    {
        w.WriteString("id"u8, r.Id);
        w.WriteString("respondedAt"u8, r.RespondedAt);
        w.WriteString("segment"u8, r.Segment);
        w.WriteString("channel"u8, r.Channel);
        if (r.PartnerId is not null) w.WriteString("partnerId"u8, r.PartnerId);
        if (r.ShopId is not null) w.WriteString("shopId"u8, r.ShopId);
        if (r.TransactionId is not null) w.WriteString("transactionId"u8, r.TransactionId);
        if (r.Brand is { } brand) w.WriteNumber("brand"u8, brand);
        if (r.Product is { } product) w.WriteNumber("product"u8, product);
        if (r.Touchpoint is { } touchpoint) w.WriteNumber("touchpoint"u8, touchpoint);
        if (r.Comment is not null) w.WriteString("comment"u8, r.Comment);
        w.WriteString("receivedAt"u8, r.ReceivedAt);
    }
}
