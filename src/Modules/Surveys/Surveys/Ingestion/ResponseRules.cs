using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PartnerPortal.BuildingBlocks.Security;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Partners.Contracts;
using PartnerPortal.SharedKernel;
using PartnerPortal.Surveys.Contracts;

namespace PartnerPortal.Surveys.Ingestion;

/// <summary>DOMAIN.md "Survey responses": every rule, each with a field-level message.</summary>
internal static partial class ResponseRules
{
    public const int MaxResponseIdLength = 128;
    public const int MaxCommentLength = 2000;

    public static SurveyResponse? Validate(ResponseInput input, IReadOnlyDictionary<string, PartnerInfo> partners, Caller caller, DateTimeOffset receivedAt)
    {
        var errors = input.Errors;
        if (string.IsNullOrEmpty(input.ResponseId)) errors.Add("responseId", "'responseId' is required.");
        else if (input.ResponseId.Length > MaxResponseIdLength) errors.Add("responseId", $"'responseId' must be at most {MaxResponseIdLength} characters.");
        else if (input.ResponseId.Any(char.IsControl)) errors.Add("responseId", "'responseId' must not contain control characters.");

        DateTimeOffset respondedAt = default;
        if (string.IsNullOrEmpty(input.RespondedAt)) errors.Add("respondedAt", "'respondedAt' is required.");
        else if (!TryParseTimestamp(input.RespondedAt, out respondedAt))
            errors.Add("respondedAt", "'respondedAt' must be an ISO 8601 timestamp with an offset, e.g. 2023-04-01T10:15:00+02:00.");

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
        else if (!partners.TryGetValue(input.PartnerId, out partner)) errors.Add("partnerId", $"Partner '{input.PartnerId}' does not exist.");
        else if (!caller.CanAccessPartner(input.PartnerId)) errors.Add("partnerId", $"You may not submit responses for partner '{input.PartnerId}'.");

        if (input.ShopId is not null)
        {
            if (input.PartnerId is null) errors.Add("shopId", "'shopId' needs the 'partnerId' it belongs to.");
            else if (partner is not null && !partner.HasShop(input.ShopId)) errors.Add("shopId", $"Shop '{input.ShopId}' does not belong to partner '{input.PartnerId}'.");
        }
        if (input.TransactionId is { Length: > MaxResponseIdLength }) errors.Add("transactionId", $"'transactionId' must be at most {MaxResponseIdLength} characters.");

        if (input.Brand is null && input.Product is null && input.Touchpoint is null && !HasScoreErrors(errors))
            errors.Add("scores", "At least one score (brand, product, touchpoint) is required.");
        if (input.Comment is { Length: > MaxCommentLength }) errors.Add("comment", $"'comment' must be at most {MaxCommentLength} characters.");

        if (!errors.IsValid) return null;
        return new SurveyResponse
        {
            Id = input.ResponseId!,
            RespondedAt = respondedAt,
            RespondedAtUtc = respondedAt.ToUniversalTime(),
            Quarter = Quarter.Of(respondedAt).ToString(),
            Segment = input.Segment!,
            Channel = input.Channel!,
            PartnerId = input.PartnerId,
            ShopId = input.ShopId,
            TransactionId = input.TransactionId,
            Brand = input.Brand,
            Product = input.Product,
            Touchpoint = input.Touchpoint,
            Comment = input.Comment,
            ContentHash = ContentHash(input, respondedAt),
            ReceivedAt = receivedAt,
        };
    }

    private static bool HasScoreErrors(ValidationErrors errors) =>
        errors.ToDictionary().Keys.Any(k => k.StartsWith("scores", StringComparison.Ordinal));

    /// <summary>ISO 8601 with a date, a time and an explicit offset (Z or ±hh:mm); nothing else.</summary>
    public static bool TryParseTimestamp(string text, out DateTimeOffset value)
    {
        value = default;
        return TimestampPattern().IsMatch(text)
               && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);
    }

    /// <summary>Same content = same instant and same values; the offset a timestamp was written with does not count.</summary>
    private static string ContentHash(ResponseInput i, DateTimeOffset respondedAt)
    {
        var canonical = string.Join('\u001f', i.ResponseId, respondedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), i.Segment, i.Channel,
            N(i.PartnerId), N(i.ShopId), N(i.TransactionId), N(i.Brand), N(i.Product), N(i.Touchpoint), N(i.Comment));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static string N(string? value) => value ?? "\u0000";

    private static string N(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "\u0000";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex TimestampPattern();
}
