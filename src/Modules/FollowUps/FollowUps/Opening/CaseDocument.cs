using System.Text.Json;
using PartnerPortal.BuildingBlocks.Data;
using PartnerPortal.FollowUps.Cases;

namespace PartnerPortal.FollowUps.Opening;

/// <summary>
/// Writes a <see cref="FollowUpCase"/> as the JSON Marten stores and reads (camelCase, as Marten's serializer names the
/// properties; null values left out, which read back as null), straight to UTF-8 for the binary COPY of
/// <see cref="CaseOpening"/>, the way ingestion writes the responses (<see cref="CopyDocumentWriter{T}"/>). A test
/// compares this with Marten's own serializer, so a property added to the case cannot be forgotten here.
/// </summary>
internal sealed class CaseDocument : CopyDocumentWriter<FollowUpCase>
{
    protected override void WriteProperties(Utf8JsonWriter w, FollowUpCase c)
    {
        w.WriteString("id"u8, c.Id);
        w.WriteString("responseId"u8, c.ResponseId);
        w.WriteString("partnerId"u8, c.PartnerId);
        if (c.ShopId is not null) w.WriteString("shopId"u8, c.ShopId);
        w.WriteString("quarter"u8, c.Quarter);
        w.WriteNumber("score"u8, c.Score);
        if (c.Comment is not null) w.WriteString("comment"u8, c.Comment);
        w.WriteString("respondedAt"u8, c.RespondedAt);
        w.WriteString("openedAt"u8, c.OpenedAt);
        w.WriteString("dueAt"u8, c.DueAt);
        w.WriteString("status"u8, c.Status);
        if (c.StartedAt is { } started) w.WriteString("startedAt"u8, started);
        if (c.RootCause is not null) w.WriteString("rootCause"u8, c.RootCause);
        if (c.Action is not null) w.WriteString("action"u8, c.Action);
        if (c.Note is not null) w.WriteString("note"u8, c.Note);
        if (c.ClosedAt is { } closed) w.WriteString("closedAt"u8, closed);
        if (c.ClosedBy is not null) w.WriteString("closedBy"u8, c.ClosedBy);
        w.WriteNumber("reopened"u8, c.Reopened);
        w.WriteNumber("moves"u8, c.Moves);
    }
}
