namespace Kiosk.Bench;

/// <summary>
/// How every bench runs: a smoke setting that proves in seconds that the bench still does its work (./kiosk.sh test runs
/// each one), and one line plus exit code 1 when the work did not happen, instead of a figure of nothing or a stack trace.
/// </summary>
internal static class BenchRun
{
    /// <summary>The argument (or KIOSK_BENCH_SMOKE=1) for the smallest setting.</summary>
    public const string SmokeArgument = "--smoke";

    /// <summary>True for the smallest setting: the same steps on the smallest work that still proves each ran.</summary>
    public static bool IsSmoke(IReadOnlyCollection<string> args) =>
        args.Contains(SmokeArgument) || Environment.GetEnvironmentVariable("KIOSK_BENCH_SMOKE") == "1";

    /// <summary>The arguments without the smoke flag, for a bench's own positional settings.</summary>
    public static string[] Settings(IEnumerable<string> args) => args.Where(a => a != SmokeArgument).ToArray();

    /// <summary>Runs the bench; a failure is one line on standard error and exit code 1.</summary>
    public static async Task<int> RunAsync(string bench, Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body();
        }
        catch (Exception ex)
        {
            var reason = ex is BenchFailure ? ex.Message : $"{ex.GetType().Name}: {ex.Message}".ReplaceLineEndings(" ");
            await Console.Error.WriteLineAsync($"{bench} failed: {reason}");
            return 1;
        }
    }

    /// <inheritdoc cref="RunAsync(string, Func{Task{int}})"/>
    public static Task<int> Run(string bench, Func<int> body) => RunAsync(bench, () => Task.FromResult(body()));

    /// <summary>Fails the bench when its work did not happen (0 tickets is a failure, not a figure).</summary>
    public static void Require(bool done, string whatDidNotHappen)
    {
        if (!done)
        {
            throw new BenchFailure(whatDidNotHappen);
        }
    }
}

/// <summary>The bench could not do its work; the message says what did not happen, in one line.</summary>
internal sealed class BenchFailure(string message) : Exception(message);
