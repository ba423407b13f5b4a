using System.Text.Json;
using Kiosk.TestSupport;

namespace Kiosk.Bpjs.Tests.Protocol;

/// <summary>
/// Node with the npm <c>lz-string</c> package (<see cref="NpmPackages"/>). Skips, with the reason, when node, npm or the
/// registry is missing.
/// </summary>
internal static class NodeLzString
{
    public const string Version = "1.5.0";

    public static string Node()
    {
        var node = NpmPackages.Node();
        Skip.If(node is null, "node and npm are needed for the cross-check against Node's crypto and npm lz-string (./kiosk.sh test installs nodejs and npm).");
        return node!;
    }

    public static async Task<string> InstalledAsync()
    {
        var install = await NpmPackages.InstalledAsync("lz-string", Version);
        Skip.If(install.WhyUnavailable is not null, install.WhyUnavailable);
        return install.Folder!;
    }

    /// <summary>Runs crosscheck.cjs on <paramref name="input"/> (serialised to a file) and returns its JSON answer.</summary>
    public static async Task<JsonElement> RunAsync(object input)
    {
        var node = Node();
        var folder = await InstalledAsync();
        var file = Path.Combine(Path.GetTempPath(), $"bpjs-crosscheck-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(input));
        try
        {
            var start = ChildProcess.StartInfo(node);
            start.ArgumentList.Add(Repository.Path("tests", "Bpjs.Tests", "Protocol", "Node", "crosscheck.cjs"));
            start.ArgumentList.Add(folder);
            start.ArgumentList.Add(file);
            await using var run = ChildProcess.Start(start, "node crosscheck.cjs", closeInput: true);
            var exit = await run.WaitForExitAsync(TimeSpan.FromMinutes(2));
            var line = run.Output.Split('\n').LastOrDefault(l => l.StartsWith("{\"lzString\"", StringComparison.Ordinal));
            Assert.True(exit == 0 && line is not null, $"crosscheck.cjs exited {exit}:\n{run.Output}");
            using var document = JsonDocument.Parse(line);
            var answer = document.RootElement.Clone();
            Assert.Equal(Version, answer.GetProperty("lzString").GetString());
            return answer;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
