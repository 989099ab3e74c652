using PartnerPortal.BuildingBlocks.Security;

namespace PartnerPortal.UnitTests;

/// <summary>ADR 0027: one key per e-mail address; ambiguous forms have none.</summary>
public sealed class LoginEmailTests
{
    [Theory]
    [InlineData("kelvin@example.test", "KELVIN@EXAMPLE.TEST")]
    [InlineData("  Kelvin@Example.Test \t\r\n", "KELVIN@EXAMPLE.TEST")]
    [InlineData("jürgen.müller@beispiel.de", "JÜRGEN.MÜLLER@BEISPIEL.DE")]
    [InlineData("straße@beispiel.de", "STRAßE@BEISPIEL.DE")] // ß has no single upper-case letter: it stays, both ways
    [InlineData("σοφία@παράδειγμα.gr", "ΣΟΦΊΑ@ΠΑΡΆΔΕΙΓΜΑ.GR")]
    public void Plain_addresses_get_their_upper_case_form(string raw, string key) => Assert.Equal(key, LoginEmail.Normalise(raw));

    [Theory]
    [InlineData("\u212Aelvin@example.test")] // Kelvin sign: NFKC makes it K
    [InlineData("\uFF4Belvin@example.test")] // full-width k
    [InlineData("\u1E9Ee@example.test")] // capital sharp s: lower-cases to ß, which upper-cases to ß
    [InlineData("\u03C3\u03BF\u03C6\u03B9\u03C2@example.test")] // final sigma: upper-cases to Σ, which lower-cases to σ
    [InlineData("e\u0301@example.test")] // e + combining acute: not composed (NFKC: é)
    [InlineData("kelvin@example.test\u3000")]
    [InlineData("kel vin@example.test")]
    [InlineData("kel\u00A0vin@example.test")]
    [InlineData("kel\u200Bvin@example.test")]
    [InlineData("kel\u00ADvin@example.test")] // soft hyphen (Cf)
    [InlineData("kel\u202Evin@example.test")]
    [InlineData("kel\tvin@example.test")]
    [InlineData("kelvin@example.test\0")]
    [InlineData("\u0085kelvin@example.test")]
    [InlineData("kel\uE000vin@example.test")] // private use
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Ambiguous_or_empty_forms_have_no_key(string? raw) => Assert.Null(LoginEmail.Normalise(raw));

    [Fact]
    public void A_lone_surrogate_has_no_key() => Assert.Null(LoginEmail.Normalise("kel" + '\uD800' + "vin@example.test"));

    /// <summary>.NET's invariant case mappings leave the Turkish dotless i and dotted I alone, so they meet no other address.</summary>
    [Theory]
    [InlineData("kelv\u0131n@example.test", "KELV\u0131N@EXAMPLE.TEST")]
    [InlineData("kelv\u0130n@example.test", "KELV\u0130N@EXAMPLE.TEST")]
    public void Turkish_i_keeps_its_own_key(string raw, string key) => Assert.Equal(key, LoginEmail.Normalise(raw));

    [Fact]
    public void An_address_longer_than_254_characters_has_no_key()
    {
        Assert.NotNull(LoginEmail.Normalise(new string('a', 241) + "@example.test"));
        Assert.Null(LoginEmail.Normalise(new string('a', 242) + "@example.test"));
    }

    [Fact]
    public void A_form_field_has_a_key_only_with_exactly_one_value()
    {
        Assert.Equal("A@B.C", LoginEmail.Normalise(new Microsoft.Extensions.Primitives.StringValues("a@b.c")));
        Assert.Null(LoginEmail.Normalise(new Microsoft.Extensions.Primitives.StringValues(["a@b.c", "a@b.c"])));
        Assert.Null(LoginEmail.Normalise(Microsoft.Extensions.Primitives.StringValues.Empty));
    }
}
