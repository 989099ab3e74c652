using System.Text;
using PartnerPortal.BuildingBlocks.Web;
using PartnerPortal.Surveys.Listing;

namespace PartnerPortal.UnitTests;

/// <summary>The shared CSV writer (ADR 0044): RFC 4180 quoting, the German-Excel flavour, formulas defused; and the
/// Kundenstimmen search words as a full-text query.</summary>
public sealed class CsvWriterTests
{
    private static async Task<byte[]> WriteAsync(CsvDialect dialect, Func<CsvWriter, Task> rows)
    {
        var stream = new MemoryStream();
        await using (var csv = new CsvWriter(stream, dialect)) await rows(csv);
        return stream.ToArray();
    }

    [Fact]
    public async Task Standard_is_comma_separated_with_a_decimal_point_and_no_BOM()
    {
        var bytes = await WriteAsync(CsvDialect.Standard, async csv =>
        {
            await csv.RowAsync(["a", "b,c", "say \"hi\""]);
            csv.Number(12.5).Number(1234.5m).Integer(-3).Text("Zeile\nzwei");
            await csv.EndRowAsync();
        });
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Equal("a,\"b,c\",\"say \"\"hi\"\"\"\r\n12.5,1234.50,-3,\"Zeile\nzwei\"\r\n", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task German_Excel_has_a_BOM_semicolons_and_decimal_commas()
    {
        var bytes = await WriteAsync(CsvDialect.GermanExcel, async csv =>
        {
            csv.Text("Müller; Söhne").Number(12.5).Number(2511.9m).Text("a,b");
            await csv.EndRowAsync();
        });
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("\"Müller; Söhne\";12,5;2511,90;a,b\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+49 221", "'+49 221")]
    [InlineData("-Schlecht", "'-Schlecht")]
    [InlineData("@Chef", "'@Chef")]
    [InlineData("Gut = gut", "Gut = gut")]
    public async Task Text_that_a_spreadsheet_would_run_as_a_formula_is_defused(string text, string cell)
    {
        var bytes = await WriteAsync(CsvDialect.Standard, async csv => { csv.Text(text); await csv.EndRowAsync(); });
        Assert.Equal(cell + "\r\n", Encoding.UTF8.GetString(bytes));
    }

    [Theory]
    [InlineData("Wartezeit", "wartezeit:*")]
    [InlineData("  lange   WARTEZEIT!! ", "lange:* & wartezeit:*")]
    [InlineData("'; drop table x; --", "drop:* & table:* & x:*")]
    [InlineData("Grüße & Dank | !nicht", "grüße:* & dank:* & nicht:*")]
    [InlineData("!!! ... ---", null)]
    public void Search_words_become_a_prefix_query_of_letters_and_digits_only(string search, string? query) =>
        Assert.Equal(query, SearchComments.TsQuery(search));
}
