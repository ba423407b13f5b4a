using System.Text.RegularExpressions;
using Kiosk.TestSupport;

namespace Kiosk.Contract.Tests;

/// <summary>
/// A clone of the repository is all a reader has: no file may send them outside it, and every path a document or a
/// comment names must exist (a removed script was still cited in five files before this test).
/// </summary>
public sealed partial class RepositoryReferencesTests
{
    private static readonly string Root = Repository.Root;

    // Folders whose contents are made by a build, a test run or a fuzzer, never written by hand.
    private static readonly string[] MadeFolders = ["bin", "obj", "artifacts", "TestResults", "node_modules", ".git"];

    private static readonly string[] TextExtensions =
        [".cs", ".md", ".sh", ".yaml", ".json", ".csproj", ".props", ".service", ".conf", ".js", ".mjs", ".html", ".css", ".c"];

    // Spelled in two parts so this file does not match itself.
    private const string OutsideFolder = ".." + "/shared";

    [Fact]
    public void Nothing_points_outside_the_repository()
    {
        var outside = SourceFiles()
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, index)))
            .Where(x => x.line.Contains(OutsideFolder, StringComparison.Ordinal))
            .Select(x => $"{Relative(x.file)}:{x.index + 1}: {x.line.Trim()}")
            .ToList();

        Assert.True(outside.Count == 0, "points outside the repository:\n" + string.Join('\n', outside));
    }

    [Fact]
    public void Every_named_repository_path_exists()
    {
        var missing = new List<string>();
        foreach (var file in SourceFiles())
        {
            foreach (Match match in RepositoryPath().Matches(File.ReadAllText(file)))
            {
                var path = match.Groups["path"].Value.TrimEnd('.');
                if (IsPattern(path) || Exists(path)) continue;
                missing.Add($"{Relative(file)}: {path}");
            }
        }

        Assert.True(missing.Count == 0, "names a path that does not exist:\n" + string.Join('\n', missing.Distinct()));
    }

    [Fact]
    public void The_design_document_lives_in_the_repository_and_the_readme_points_at_it()
    {
        Assert.True(File.Exists(Path.Combine(Root, "docs", "ARCHITECTURE.md")), "docs/ARCHITECTURE.md is missing");
        Assert.Contains("docs/ARCHITECTURE.md", File.ReadAllText(Path.Combine(Root, "README.md")), StringComparison.Ordinal);
    }

    /// <summary>A path in a type-name sense ("Contract/Topics/SiteTopics") names the file of that type.</summary>
    private static bool Exists(string path)
    {
        var full = Path.Combine(Root, path);
        return File.Exists(full) || Directory.Exists(full) || File.Exists(full + ".cs");
    }

    /// <summary>Placeholders (TARGET, N) and the fuzzer's findings folders, which exist only once something is found.</summary>
    private static bool IsPattern(string path) =>
        path.StartsWith("fuzz/findings/", StringComparison.Ordinal) || Placeholder().IsMatch(path);

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(file => !Relative(file).Split('/').Any(part => MadeFolders.Contains(part)))
            .Where(file => TextExtensions.Contains(Path.GetExtension(file)) || Path.GetFileName(file) is "kiosk-setup" or "kiosk.sh");

    private static string Relative(string file) => Path.GetRelativePath(Root, file).Replace('\\', '/');

    [GeneratedRegex(@"(?<![\w./-])(?<path>(?:KioskDevice|QueueEngine|Mqtt|DeviceDrivers|Broker|Screens|Simulator|Contract|deploy|bench|fuzz|tests|docs)/[A-Za-z0-9_./-]*[A-Za-z0-9_/])")]
    private static partial Regex RepositoryPath();

    [GeneratedRegex(@"(^|/)[A-Z]{2,}(/|$)|/N(/|$)")]
    private static partial Regex Placeholder();
}
