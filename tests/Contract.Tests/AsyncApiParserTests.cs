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
    private static readonly TimeSpan ParseLimit = TimeSpan.FromMinutes(2);

    [SkippableFact]
    public async Task The_npm_AsyncAPI_parser_reads_the_document_without_errors_or_warnings()
    {
        var node = NpmPackages.Node();
        Skip.If(node is null, "node and npm are needed for the npm AsyncAPI parser (./kiosk.sh test installs nodejs and npm).");
        var install = await NpmPackages.InstalledAsync("@asyncapi/parser", ParserVersion);
        Skip.If(install.WhyUnavailable is not null, install.WhyUnavailable);
        var parser = install.Folder!;
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
}
