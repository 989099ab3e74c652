using PartnerPortal.Surveys.Listing;

namespace PartnerPortal.UnitTests;

/// <summary>The Kundenstimmen search words as a PostgreSQL full-text prefix query (ADR 0044).</summary>
public sealed class CommentSearchQueryTests
{
    [Theory]
    [InlineData("Wartezeit", "wartezeit:*")]
    [InlineData("  lange   WARTEZEIT!! ", "lange:* & wartezeit:*")]
    [InlineData("'; drop table x; --", "drop:* & table:* & x:*")]
    [InlineData("Grüße & Dank | !nicht", "grüße:* & dank:* & nicht:*")]
    [InlineData("!!! ... ---", null)]
    public void Search_words_become_a_prefix_query_of_letters_and_digits_only(string search, string? query) =>
        Assert.Equal(query, SearchComments.TsQuery(search));
}
