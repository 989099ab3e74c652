using PartnerPortal.BuildingBlocks.Web;

namespace PartnerPortal.UnitTests;

/// <summary>ADR 0027: only plain local paths are followed, as ASCII. (Every entry point over HTTP: the integration
/// tests' ReturnUrlTests.)</summary>
public sealed class ReturnUrlsTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("/uebersicht", "/uebersicht")]
    [InlineData("/kundenstimmen?quarter=2024-Q2&segment=private#oben", "/kundenstimmen?quarter=2024-Q2&segment=private#oben")]
    [InlineData("/kundenstimmen?q=Müller", "/kundenstimmen?q=M%C3%BCller")]
    [InlineData("/kundenstimmen?q=gut%20beraten", "/kundenstimmen?q=gut%20beraten")] // an encoded space in the query is fine
    [InlineData("/uebersicht?next=//evil.example", "/uebersicht?next=//evil.example")] // a query is not where a browser goes
    [InlineData("/@evil.example", "/@evil.example")]
    public void Local_paths_are_kept(string url, string expected) => Assert.Equal(expected, ReturnUrls.LocalOrNull(url));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("uebersicht")]
    [InlineData("https://evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/uebersicht\\x")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/\u000B/evil.example")]
    [InlineData("\t//evil.example")]
    [InlineData(" /uebersicht")]
    [InlineData("/\u007F")]
    [InlineData("/\u0085")]
    [InlineData("/\u3000/evil.example")]
    [InlineData("/\u2028/evil.example")]
    [InlineData("/\u00A0")]
    [InlineData("/\u200B")]
    [InlineData("/\uFEFF")]
    [InlineData("/%2F/evil.example")] // decodes to //evil.example
    [InlineData("/%5Cevil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("/%252F/evil.example")] // twice encoded
    [InlineData("/%E3%80%80")]
    [InlineData("/%00")]
    public void Anything_else_is_refused(string? url) => Assert.Null(ReturnUrls.LocalOrNull(url));

    [Fact]
    public void A_lone_surrogate_is_refused() => Assert.Null(ReturnUrls.LocalOrNull("/a" + '\uD800'));

    [Fact]
    public void Overlong_addresses_are_refused()
    {
        Assert.NotNull(ReturnUrls.LocalOrNull("/" + new string('a', ReturnUrls.MaxLength - 1)));
        Assert.Null(ReturnUrls.LocalOrNull("/" + new string('a', ReturnUrls.MaxLength)));
    }
}
