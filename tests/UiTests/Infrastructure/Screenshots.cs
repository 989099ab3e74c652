using Microsoft.Playwright;

namespace PartnerPortal.UiTests.Infrastructure;

/// <summary>
/// Screenshots of the main pages: into the test output folder (<c>screenshots/</c>), or, with
/// <c>UPDATE_SCREENSHOTS=1</c>, into the repository's <c>docs/screenshots/</c>, which the README shows.
/// </summary>
public static class Screenshots
{
    public static string Folder { get; } = Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1"
        ? Path.Combine(RepositoryRoot(), "docs", "screenshots")
        : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static Task SaveAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PartnerPortal.sln"))) return dir.FullName;
        throw new InvalidOperationException("PartnerPortal.sln not found above " + AppContext.BaseDirectory);
    }
}
