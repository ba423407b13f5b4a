namespace Kiosk.TestSupport;

/// <summary>
/// Where a test saves a picture that the README shows. An ordinary test run writes them under
/// <c>artifacts/screenshots/</c> (ignored by git), so running the tests never edits a tracked file;
/// <c>./kiosk.sh screenshots</c> runs only the tests carrying <see cref="Trait"/> with <see cref="FolderVariable"/>
/// pointing at <c>docs/</c>, which renews the README's pictures on purpose.
/// </summary>
public static class ReadmeScreenshots
{
    /// <summary>The xUnit trait name and value (<c>[Trait(ReadmeScreenshots.Trait, ReadmeScreenshots.Value)]</c>) that kiosk.sh filters on.</summary>
    public const string Trait = "Screenshot";

    public const string Value = "Readme";

    public const string FolderVariable = "KIOSK_SCREENSHOTS_DIR";

    /// <summary>The file for <paramref name="relativePath"/> (e.g. <c>screenshots/layar.png</c>, relative to docs/), its folder created.</summary>
    public static string PathFor(string relativePath)
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } chosen
            ? chosen
            : Repository.Path("artifacts", "screenshots");
        var path = Path.GetFullPath(Path.Combine(folder, relativePath));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
