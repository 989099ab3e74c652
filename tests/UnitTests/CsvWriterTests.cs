using System.Text;
using PartnerPortal.BuildingBlocks.Csv;
using PartnerPortal.BuildingBlocks.Web;

namespace PartnerPortal.UnitTests;

/// <summary>The two CSV dialects (ADR 0045) and the list rule of the back-office pages.</summary>
public sealed class CsvWriterTests
{
    private static async Task<byte[]> WriteAsync(CsvDialect dialect, params string?[][] rows)
    {
        using var stream = new MemoryStream();
        await using (var csv = new CsvWriter(stream, dialect))
            foreach (var row in rows) await csv.WriteRowAsync(row);
        return stream.ToArray();
    }

    [Fact]
    public async Task The_machine_dialect_has_no_BOM_and_quotes_commas_quotes_and_line_breaks_only()
    {
        var bytes = await WriteAsync(CsvDialect.Machine, ["a", "b,c", "say \"hi\"", "x;y", "line\nbreak", null]);
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Equal("a,\"b,c\",\"say \"\"hi\"\"\",x;y,\"line\nbreak\",\n", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task The_German_Excel_dialect_has_a_BOM_semicolons_decimal_commas_and_no_formulas()
    {
        using var stream = new MemoryStream();
        await using (var csv = new CsvWriter(stream, CsvDialect.ExcelGerman))
            await csv.WriteRowAsync("Müller; \"Mobil\"", csv.Amount(1234.5m), "=SUM(A1)", "-12,5", "a,b");
        var bytes = stream.ToArray();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal("\"Müller; \"\"Mobil\"\"\";1234,50;'=SUM(A1);-12,5;a,b\n", Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public void A_list_query_takes_only_known_columns_directions_and_positive_pages_and_pages_by_fifty()
    {
        var errors = new ValidationErrors();
        var query = ListQuery.Parse("total", "desc", "2", ["partner", "total"], false, errors);
        Assert.True(errors.IsValid);
        var page = query.Apply(Enumerable.Range(1, 120), new Dictionary<string, Func<int, IComparable?>> { ["partner"] = i => i, ["total"] = i => i % 7 },
            i => i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((50, 120, 2, 3), (page.Rows.Count, page.Total, page.Page, page.Pages));
        Assert.Equal("quarter=2080-Q1&sort=partner&dir=asc&page=1", query.SortQuery([new("quarter", "2080-Q1"), new("status", null)], "partner"));
        Assert.Equal("sort=total&dir=asc&page=1", query.SortQuery([], "total"));

        foreach (var (sort, dir, p) in new[] { ("name", "asc", "1"), ("total", "up", "1"), ("total", "asc", "0"), ("total", "asc", "x") })
        {
            var bad = new ValidationErrors();
            ListQuery.Parse(sort, dir, p, ["partner", "total"], false, bad);
            Assert.False(bad.IsValid);
        }
    }
}
