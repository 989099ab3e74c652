using System.Globalization;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Surveys.Ingestion;

/// <summary>DOMAIN.md "Survey responses": every rule, each with a field-level message.</summary>
internal static class ResponseRules
{
    public const int MaxResponseIdLength = 128;
    public const int MaxCommentLength = 2000;

    public static SurveyResponse? Validate(ResponseInput input, IReadOnlyDictionary<string, PartnerInfo> partners, Caller caller, DateTimeOffset receivedAt)
    {
        var errors = input.Errors;
        BatchJson.Id(errors, "responseId", input.ResponseId); // required, ≤ 128, Identifiers.Rule

        DateTimeOffset respondedAt = default;
        if (string.IsNullOrEmpty(input.RespondedAt)) errors.Add("respondedAt", "'respondedAt' is required.");
        else errors.Timestamp("respondedAt", input.RespondedAt, out respondedAt); // within the supported dates (ADR 0030)

        if (input.Segment is null) errors.Add("segment", "'segment' is required.");
        else if (!Segments.All.Contains(input.Segment)) errors.Add("segment", $"'segment' must be one of: {string.Join(", ", Segments.All)}.");

        if (input.Channel is null) errors.Add("channel", "'channel' is required.");
        else if (!Channels.All.Contains(input.Channel)) errors.Add("channel", $"'channel' must be one of: {string.Join(", ", Channels.All)}.");

        PartnerInfo? partner = null;
        if (input.PartnerId is null)
        {
            if (input.Channel == Channels.PartnerShop) errors.Add("partnerId", "'partnerId' is required for channel 'partner-shop'.");
            else if (caller.IsPartnerBound) errors.Add("partnerId", $"Your key is bound to partner '{caller.PartnerId}': send responses of that partner only.");
        }
        else partner = BatchJson.KnownPartner(errors, input.PartnerId, partners, caller, "responses");

        if (input.ShopId is not null)
        {
            if (!Identifiers.IsValid(input.ShopId)) errors.Add("shopId", $"'shopId' may contain {Identifiers.Rule}.");
            else if (input.PartnerId is null) errors.Add("shopId", "'shopId' needs the 'partnerId' it belongs to.");
            else if (partner is not null && !partner.HasShop(input.ShopId)) errors.Add("shopId", $"Shop '{input.ShopId}' does not belong to partner '{input.PartnerId}'.");
        }
        if (!string.IsNullOrEmpty(input.TransactionId)) BatchJson.Id(errors, "transactionId", input.TransactionId);

        if (input.Brand is null && input.Product is null && input.Touchpoint is null && !HasScoreErrors(errors))
            errors.Add("scores", "At least one score (brand, product, touchpoint) is required.");
        if (input.Comment is { Length: > MaxCommentLength }) errors.Add("comment", $"'comment' must be at most {MaxCommentLength} characters.");
        else if (input.Comment is not null && (TextRules.HasControlCharacters(input.Comment) || !TextRules.IsStorable(input.Comment)))
            errors.Add("comment", "'comment' must not contain control characters (line breaks and tabs are fine).");

        if (!errors.IsValid) return null;
        return new SurveyResponse
        {
            Id = input.ResponseId!,
            RespondedAt = respondedAt,
            Segment = input.Segment!,
            Channel = input.Channel!,
            PartnerId = input.PartnerId,
            ShopId = input.ShopId,
            TransactionId = input.TransactionId,
            Brand = input.Brand,
            Product = input.Product,
            Touchpoint = input.Touchpoint,
            Comment = input.Comment,
            ReceivedAt = receivedAt,
        };
    }

    private static bool HasScoreErrors(ValidationErrors errors) =>
        errors.ToDictionary().Keys.Any(k => k.StartsWith("scores", StringComparison.Ordinal));
}
