using System.Text.Json;
using Kiosk.TestSupport;
using Kiosk.TestSupport.Contract;
using Xunit.Abstractions;

namespace Kiosk.Contract.Tests;

/// <summary>
/// docs/asyncapi.yaml as an independent client author's tools read it: the AsyncAPI project's parser from npm
/// (<c>@asyncapi/parser</c>, installed once into a cache outside the repository), plus the payload schemas and
/// examples checked by Ajv in the dialect the document declares (AsyncApi/parse.mjs). Errors and warnings fail;
/// info and hints (e.g. "3.1.0 is out") are listed in the test output.
/// </summary>
public sealed class AsyncApiParserTests(ITestOutputHelper output)
{
    private const string ParserVersion = "3.6.3";
    private static readonly TimeSpan InstallLimit = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ParseLimit = TimeSpan.FromMinutes(2);

    /// <summary>What npm prints when it cannot reach the registry: then the test is skipped, never passed.</summary>
    private static readonly string[] OfflineSigns = ["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENETUNREACH", "EHOSTUNREACH", "network"];

    [SkippableFact]
    public async Task The_npm_AsyncAPI_parser_reads_the_document_without_errors_or_warnings()
    {
        var node = OnPath("node");
        var npm = OnPath("npm");
        Skip.If(node is null || npm is null, "node and npm are needed for the npm AsyncAPI parser (./kiosk.sh test installs nodejs and npm).");

        var parser = await InstalledParserAsync(npm!);
        var script = Path.Combine(Repository.Root, "tests", "Contract.Tests", "AsyncApi", "parse.mjs");
        var start = ChildProcess.StartInfo(node!);
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(parser);
        start.ArgumentList.Add(ContractDocument.FindDocument());
        await using var run = ChildProcess.Start(start, "node parse.mjs", closeInput: true);
        var exit = await run.WaitForExitAsync(ParseLimit);

        var json = run.Output.Split('\n').LastOrDefault(l => l.StartsWith("{\"parser\"", StringComparison.Ordinal));
        Assert.True(exit == 0 && json is not null, $"parse.mjs exited {exit}:\n{run.Output}");
        using var result = JsonDocument.Parse(json);
        var root = result.RootElement;
        Assert.Equal(ParserVersion, root.GetProperty("parser").GetString());
        var diagnostics = root.GetProperty("diagnostics").EnumerateArray()
            .Select(d => (Severity: d.GetProperty("severity").GetString()!, Text: $"{d.GetProperty("severity").GetString()} {d.GetProperty("code")} at {d.GetProperty("path").GetString()}: {d.GetProperty("message").GetString()}"))
            .ToList();
        foreach (var (_, text) in diagnostics)
        {
            output.WriteLine(text);
        }

        var failing = diagnostics.Where(d => d.Severity is "error" or "warning").Select(d => d.Text).ToList();
        Assert.True(failing.Count == 0, string.Join('\n', failing));
        // The Ajv pass really ran: every message and every example of the document was compiled and checked.
        var messages = ContractDocument.Load().Document["components"]!["messages"]!.AsObject();
        Assert.Equal(messages.Count, root.GetProperty("messages").GetInt32());
        Assert.Equal(messages.Sum(m => m.Value!["examples"]!.AsArray().Count), root.GetProperty("examples").GetInt32());
    }

    /// <summary>
    /// The parser's folder in the user's cache, installed on first use. A new install goes to a fresh folder that is then
    /// renamed into place, so a test run that stops halfway, or two runs at once, never leave a half-installed parser.
    /// </summary>
    private static async Task<string> InstalledParserAsync(string npm)
    {
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        var home = Path.Combine(cache, "puskesmas-kiosk", "npm-asyncapi");
        var folder = Path.Combine(home, ParserVersion);
        if (IsInstalled(folder))
        {
            return folder;
        }

        var staging = Path.Combine(home, $"{ParserVersion}.installing-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var start = ChildProcess.StartInfo(npm);
            // No install scripts: the parser needs none, and one of its dependencies would report home on install.
            foreach (var argument in new[] { "install", "--prefix", staging, "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error", $"@asyncapi/parser@{ParserVersion}" })
            {
                start.ArgumentList.Add(argument);
            }

            await using var install = ChildProcess.Start(start, "npm install @asyncapi/parser", closeInput: true);
            int exit;
            try
            {
                exit = await install.WaitForExitAsync(InstallLimit);
            }
            catch (TimeoutException)
            {
                Skip.If(true, $"npm install @asyncapi/parser@{ParserVersion} did not finish within {InstallLimit.TotalMinutes:0} min (no network?).");
                throw;
            }

            var said = install.Output;
            Skip.If(exit != 0 && OfflineSigns.Any(s => said.Contains(s, StringComparison.OrdinalIgnoreCase)),
                $"npm could not reach its registry to install @asyncapi/parser@{ParserVersion}:\n{said}");
            Assert.True(exit == 0 && IsInstalled(staging), $"npm install @asyncapi/parser@{ParserVersion} exited {exit}:\n{said}");
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

    private static bool IsInstalled(string folder)
    {
        var package = Path.Combine(folder, "node_modules", "@asyncapi", "parser", "package.json");
        if (!File.Exists(package))
        {
            return false;
        }

        using var manifest = JsonDocument.Parse(File.ReadAllText(package));
        return manifest.RootElement.TryGetProperty("version", out var version) && version.GetString() == ParserVersion;
    }

    private static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
