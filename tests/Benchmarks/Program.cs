using System.Globalization;

namespace PartnerPortal.Benchmarks;

public static class BenchmarkProgram
{
    // dotnet run --project tests/Benchmarks -c Release -- --responses 1000000 [--clients 2] [--out docs/benchmarks.md]
    public static async Task Main(string[] args)
    {
        var options = BenchmarkOptions.Parse(args);
        var report = await BenchmarkRun.RunAsync(options);
        Console.WriteLine();
        Console.WriteLine(report);
        if (options.Output is not null)
        {
            await File.WriteAllTextAsync(options.Output, report);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Written to {options.Output}"));
        }
    }
}
