using PartnerPortal.BuildingBlocks.Web;

namespace PartnerPortal.UnitTests;

/// <summary>The one list rule's parameters (ADR 0040): <c>limit</c> within bounds, <c>after</c> a cursor this API gave out,
/// <c>next</c> only when a row follows the page.</summary>
public sealed class ListPagingTests
{
    [Theory]
    [InlineData(null, 100, true)]
    [InlineData(1, 1, true)]
    [InlineData(1000, 1000, true)]
    [InlineData(0, 0, false)]
    [InlineData(-3, -3, false)]
    [InlineData(1001, 1001, false)]
    public void Limit_is_from_one_to_the_maximum_and_defaults(int? limit, int expected, bool valid)
    {
        var errors = new ValidationErrors();
        Assert.Equal(expected, errors.Limit(limit, 100, 1000));
        Assert.Equal(valid, errors.IsValid);
    }

    [Fact]
    public void A_date_cursor_round_trips_and_one_not_at_midnight_UTC_is_refused()
    {
        var rows = new[] { (Date: new DateOnly(2062, 5, 4), Id: "cb-1"), (Date: new DateOnly(2062, 5, 3), Id: "cb-2") };
        var next = ListPaging.Next(rows, 1, r => r.Date, r => r.Id);
        var errors = new ValidationErrors();
        Assert.Equal((new DateOnly(2062, 5, 4), "cb-1"), errors.AfterDate(next));
        Assert.True(errors.IsValid);

        Assert.Null(errors.AfterDate(TimeIdCursor.Encode(new DateTimeOffset(2062, 5, 4, 0, 0, 0, TimeSpan.FromHours(2)), "cb-1")));
        Assert.Null(errors.AfterDate("%%%"));
        Assert.Null(errors.After("bm90LWEtY3Vyc29y"));
        Assert.False(errors.IsValid);
    }

    [Fact]
    public void Next_is_null_unless_a_row_follows_the_page()
    {
        var at = new DateTimeOffset(2062, 1, 1, 10, 0, 0, TimeSpan.Zero);
        string[] ids = ["a", "b", "c"];
        Assert.Null(ListPaging.Next(ids, 3, _ => at, id => id));
        var next = ListPaging.Next(ids, 2, _ => at, id => id);
        Assert.True(TimeIdCursor.TryDecode(next!, out var cursor));
        Assert.Equal((at, "b"), cursor);
    }
}
