using System.Text.Json;
using Kiosk.TestSupport;

namespace Kiosk.Bpjs.Tests.Protocol;

/// <summary>
/// Node with the npm <c>lz-string</c> package, installed once into the user's cache (as the contract tests install the
/// AsyncAPI parser): a fresh folder renamed into place, so a run that stops halfway, or two at once, never leave a half
/// install. Skips, with the reason, when node, npm or the registry is missing.
/// </summary>
internal static class NodeLzString
{
    public const string Version = "1.5.0";
    private static readonly TimeSpan InstallLimit = TimeSpan.FromMinutes(5);
    private static readonly string[] OfflineSigns = ["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENETUNREACH", "EHOSTUNREACH", "network"];

    public static string Node()
    {
        var node = OnPath("node");
        var npm = OnPath("npm");
        Skip.If(node is null || npm is null, "node and npm are needed for the cross-check against Node's crypto and npm lz-string (./kiosk.sh test installs nodejs and npm).");
        return node!;
    }

    public static async Task<string> InstalledAsync()
    {
        var npm = OnPath("npm")!;
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        var home = Path.Combine(cache, "puskesmas-kiosk", "npm-lz-string");
        var folder = Path.Combine(home, Version);
        if (IsInstalled(folder))
        {
            return folder;
        }

        var staging = Path.Combine(home, $"{Version}.installing-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var start = ChildProcess.StartInfo(npm);
            foreach (var argument in new[] { "install", "--prefix", staging, "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error", $"lz-string@{Version}" })
            {
                start.ArgumentList.Add(argument);
            }

            await using var install = ChildProcess.Start(start, "npm install lz-string", closeInput: true);
            int exit;
            try
            {
                exit = await install.WaitForExitAsync(InstallLimit);
            }
            catch (TimeoutException)
            {
                Skip.If(true, $"npm install lz-string@{Version} did not finish within {InstallLimit.TotalMinutes:0} min (no network?).");
                throw;
            }

            var said = install.Output;
            Skip.If(exit != 0 && OfflineSigns.Any(s => said.Contains(s, StringComparison.OrdinalIgnoreCase)),
                $"npm could not reach its registry to install lz-string@{Version}:\n{said}");
            Assert.True(exit == 0 && IsInstalled(staging), $"npm install lz-string@{Version} exited {exit}:\n{said}");
            try
            {
                Directory.Move(staging, folder);
            }
            catch (IOException) when (IsInstalled(folder))
            {
                // Another run installed it first; use that one.
            }

            return folder;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
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

    private static bool IsInstalled(string folder)
    {
        var package = Path.Combine(folder, "node_modules", "lz-string", "package.json");
        if (!File.Exists(package))
        {
            return false;
        }

        using var manifest = JsonDocument.Parse(File.ReadAllText(package));
        return manifest.RootElement.TryGetProperty("version", out var version) && version.GetString() == Version;
    }

    private static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
