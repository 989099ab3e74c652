using System.Text.Json;
using PartnerPortal.BuildingBlocks.Data;

namespace PartnerPortal.Surveys.Ingestion;

/// <summary>
/// Writes what of a <see cref="SurveyResponse"/> has no column of its own (ADR 0058): the response time as sent, the
/// transaction and the comment, as the JSON Marten's serializer reads (camelCase; absent values left out), straight to
/// UTF-8 for the binary COPY (<see cref="CopyDocumentWriter{T}"/>). Everything else is written to the table's columns
/// only, and <see cref="ResponseRows"/> puts the two together again. The whole response in the document as well made
/// every row twice as large and was two fifths of the database's work while ingesting. A test reads back every
/// property of a response stored this way, so a property added to the document cannot be forgotten here.
/// </summary>
internal sealed class ResponseDocument : CopyDocumentWriter<SurveyResponse>
{
    protected override void WriteProperties(Utf8JsonWriter w, SurveyResponse r)
    {
        w.WriteString("respondedAt"u8, r.RespondedAt);
        if (r.TransactionId is not null) w.WriteString("transactionId"u8, r.TransactionId);
        if (r.Comment is not null) w.WriteString("comment"u8, r.Comment);
    }
}
