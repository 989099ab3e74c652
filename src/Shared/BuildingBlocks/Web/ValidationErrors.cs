namespace PartnerPortal.BuildingBlocks.Web;

/// <summary>Collects field-level validation messages (<c>errors: { field: [messages] }</c>).</summary>
public sealed class ValidationErrors
{
    // Created with the first error: survey ingestion makes one of these per item, and nearly all stay empty.
    private Dictionary<string, List<string>>? _errors;

    public bool IsValid => _errors is null || _errors.Count == 0;

    public ValidationErrors Add(string field, string message)
    {
        _errors ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    /// <summary>Checks an identifier: required, at most <paramref name="maxLength"/> characters, and
    /// <see cref="Identifiers.Rule"/> (so ids are safe in URLs, headers, CSV files and logs).</summary>
    public bool Identifier(string field, string? value, int maxLength = 64)
    {
        if (string.IsNullOrWhiteSpace(value)) { Add(field, $"'{field}' is required."); return false; }
        if (value.Length > maxLength) { Add(field, $"'{field}' must be at most {maxLength} characters."); return false; }
        if (!Identifiers.IsValid(value, maxLength)) { Add(field, $"'{field}' may contain {Identifiers.Rule}."); return false; }
        return true;
    }

    /// <summary>Checks a name or other short text: required, at most <paramref name="maxLength"/> characters, no control
    /// characters, no bidi controls (they would make a name display as something else), valid Unicode.</summary>
    public bool Text(string field, string? value, int maxLength, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) Add(field, $"'{field}' is required.");
            return !required;
        }
        if (value.Length > maxLength) { Add(field, $"'{field}' must be at most {maxLength} characters."); return false; }
        if (TextRules.HasControlCharacters(value) || !TextRules.IsStorable(value))
        {
            Add(field, $"'{field}' must not contain control characters.");
            return false;
        }
        if (TextRules.HasBidiControls(value))
        {
            Add(field, $"'{field}' must not contain bidi control characters.");
            return false;
        }
        return true;
    }

    /// <summary>Checks an amount of money (ADR 0028, the one rule in <see cref="SharedKernel.Money"/>): EUR with at most
    /// two decimals as written, from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public bool Money(string field, decimal? value, decimal min = 0, decimal max = SharedKernel.Money.MaxAmount, bool required = true)
    {
        if (value is null)
        {
            if (required) Add(field, $"'{field}' is required.");
            return !required;
        }
        if (value < min || value > max)
        {
            Add(field, $"'{field}' must be from {Number(min)} to {Number(max)} EUR.");
            return false;
        }
        if (!SharedKernel.Money.HasAtMostTwoDecimals(value.Value)) { Add(field, $"'{field}' is EUR with at most two decimals."); return false; }
        return true;
    }

    /// <summary>Checks a percentage that multiplies money (an uplift, a share): from <paramref name="min"/> to
    /// <paramref name="max"/>, at most two decimals, like money.</summary>
    public bool Percent(string field, decimal? value, decimal min = 0, decimal max = 100, bool required = true)
    {
        if (value is null)
        {
            if (required) Add(field, $"'{field}' is required: a percentage from {Number(min)} to {Number(max)}.");
            return !required;
        }
        if (value < min || value > max || !SharedKernel.Money.HasAtMostTwoDecimals(value.Value))
        {
            Add(field, $"'{field}' must be a percentage from {Number(min)} to {Number(max)} with at most two decimals.");
            return false;
        }
        return true;
    }

    private static string Number(decimal value) => value.ToString("#,##0.##", System.Globalization.CultureInfo.InvariantCulture);

    public IDictionary<string, string[]> ToDictionary() =>
        _errors?.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal) ?? new Dictionary<string, string[]>(StringComparer.Ordinal);
}
