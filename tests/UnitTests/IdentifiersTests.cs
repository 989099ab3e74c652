using PartnerPortal.BuildingBlocks.Web;

namespace PartnerPortal.UnitTests;

/// <summary>The one id rule (ADR 0029): ASCII letters, digits and '-', '_', '.', ':', starting with a letter or a digit;
/// the whole value, a trailing line feed included.</summary>
public sealed class IdentifiersTests
{
    [Theory]
    [InlineData("p-1001")]
    [InlineData("0")]
    [InlineData("S_1.2:3-x")]
    [InlineData("cb-0123456789abcdef")]
    [InlineData("vendor:2023:r.17")]
    public void Ids_of_ascii_letters_digits_and_the_four_marks_are_valid(string id) => Assert.True(Identifiers.IsValid(id));

    [Theory]
    [InlineData("p-1\n")]      // .NET's regex $ matches before a final line feed
    [InlineData("p-1\r\n")]
    [InlineData("\np-1")]
    [InlineData("p-1\0")]
    [InlineData("p-1\t")]
    [InlineData("p-1\u0085")]
    [InlineData("p-\u0430")]  // Cyrillic а
    [InlineData("p-\uFF41")]  // fullwidth ａ
    [InlineData("p-\u00E9")]  // é
    [InlineData("p-1\u200B")] // zero-width space
    [InlineData("p-1\u202E")] // right-to-left override
    [InlineData("p 1")]
    [InlineData("p/1")]
    [InlineData("p%31")]
    [InlineData("-p1")]
    [InlineData(".p1")]
    [InlineData(":p1")]
    [InlineData("_p1")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not(string? id) => Assert.False(Identifiers.IsValid(id));

    [Fact]
    public void The_length_is_bounded_by_the_fields_maximum()
    {
        Assert.True(Identifiers.IsValid(new string('a', Identifiers.MaxLength)));
        Assert.False(Identifiers.IsValid(new string('a', Identifiers.MaxLength + 1)));
        Assert.True(Identifiers.IsValid(new string('a', 64), maxLength: 64));
        Assert.False(Identifiers.IsValid(new string('a', 65), maxLength: 64));
    }

    [Fact]
    public void Validation_messages_name_the_rule_and_refuse_a_trailing_line_feed()
    {
        var errors = new ValidationErrors();
        Assert.False(errors.Identifier("partnerId", "p-1\n"));
        Assert.Contains(Identifiers.Rule, errors.ToDictionary()["partnerId"][0], StringComparison.Ordinal);
        Assert.False(BatchJson.Id(errors, "responseId", "r-\u0430"));
        Assert.True(BatchJson.Id(new ValidationErrors(), "responseId", "vendor:r-1"));
    }
}
