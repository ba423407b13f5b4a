using System.CommandLine;
using System.Globalization;
using Kiosk.Device.Hosting;
using Kiosk.Queue;
using Kiosk.Queue.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kiosk.Device.Tools;

/// <summary>
/// <c>run</c> (the service), and the technician's tools on the same executable and configuration:
/// <c>doctor</c>, <c>print-test</c>, <c>recap --date</c>, <c>export --from --to</c>.
/// </summary>
public static class KioskCommandLine
{
    public static async Task<int> InvokeAsync(string[] args)
    {
        var config = new Option<string?>("--config") { Description = "Extra JSON configuration file, e.g. /etc/kiosk/appsettings.json", Recursive = true };
        var root = new RootCommand("Kiosk antrean Puskesmas: tiket, cetak, dan antrean loket");
        root.Options.Add(config);

        var run = new Command("run", "Run the kiosk (what systemd starts). Extra --Section:Key=value arguments override configuration, for every command.");
        run.TreatUnmatchedTokensAsErrors = false;
        run.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(config), [.. parse.UnmatchedTokens]));
        root.Subcommands.Add(run);

        var doctor = new Command("doctor", "Check configuration, database, printer, GPIO, readers, broker, clock and disk; print what to fix.");
        doctor.TreatUnmatchedTokensAsErrors = false;
        doctor.SetAction((parse, cancellationToken) => WithHostAsync(parse, config, services => Doctor.RunAsync(services, Console.Out, cancellationToken)));
        root.Subcommands.Add(doctor);

        var printTest = new Command("print-test", "Print a test ticket (no number is used) and report the printer's status.");
        printTest.TreatUnmatchedTokensAsErrors = false;
        printTest.SetAction((parse, cancellationToken) => WithHostAsync(parse, config, services => PrintTest.RunAsync(services, Console.Out, cancellationToken)));
        root.Subcommands.Add(printTest);

        var date = new Option<string>("--date") { Description = "Business day, yyyy-MM-dd", Required = true };
        var recap = new Command("recap", "Write the daily recap (rekap harian) of a day as CSV and HTML under the data folder and print it.") { date };
        recap.TreatUnmatchedTokensAsErrors = false;
        recap.SetAction((parse, cancellationToken) => WithHostAsync(parse, config, services => RecapAsync(services, parse.GetValue(date)!)));
        root.Subcommands.Add(recap);

        var from = new Option<string>("--from") { Description = "First business day, yyyy-MM-dd", Required = true };
        var to = new Option<string>("--to") { Description = "Last business day, yyyy-MM-dd", Required = true };
        var output = new Option<string?>("--output") { Description = "CSV file to write (default: standard output)" };
        var export = new Command("export", "Export the tickets of a date range as CSV.") { from, to, output };
        export.TreatUnmatchedTokensAsErrors = false;
        export.SetAction((parse, cancellationToken) => WithHostAsync(parse, config, services => ExportAsync(services, parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(output))));
        root.Subcommands.Add(export);

        return await root.Parse(args).InvokeAsync();
    }

    private static async Task<int> RunAsync(string? configFile, string[] hostArgs)
    {
        try
        {
            using var host = KioskHost.CreateBuilder(hostArgs, configFile).Build();
            await host.RunAsync();
            return 0;
        }
        catch (Exception ex) when (Explain(ex) is { } code)
        {
            return code;
        }
    }

    /// <summary>Tools take the same configuration as the service, including --Section:Key=value overrides.</summary>
    private static async Task<int> WithHostAsync(ParseResult parse, Option<string?> config, Func<IServiceProvider, Task<int>> tool)
    {
        try
        {
            using var host = KioskHost.CreateBuilder([.. parse.UnmatchedTokens], parse.GetValue(config)).Build();
            return await tool(host.Services);
        }
        catch (Exception ex) when (Explain(ex) is { } code)
        {
            return code;
        }
    }

    private static Task<int> RecapAsync(IServiceProvider services, string dateText)
    {
        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            Console.Error.WriteLine($"--date '{dateText}' is not a date; use yyyy-MM-dd, e.g. 2026-11-23.");
            return Task.FromResult(2);
        }

        var engine = services.GetRequiredService<QueueEngine>();
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Configuration.KioskOptions>>().Value;
        var recap = engine.GetDailyRecap(day);
        var (csv, html) = DayClose.RecapFiles.Write(options.DataDirectory, options.Site.Name, recap);
        Kiosk.Queue.Statistics.DailyRecapCsv.Write(recap, Console.Out);
        Console.WriteLine();
        Console.WriteLine($"Ditulis: {csv}");
        Console.WriteLine($"Ditulis: {html}");
        return Task.FromResult(0);
    }

    private static async Task<int> ExportAsync(IServiceProvider services, string fromText, string toText, string? output)
    {
        if (!DateOnly.TryParseExact(fromText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from) ||
            !DateOnly.TryParseExact(toText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
        {
            await Console.Error.WriteLineAsync("--from and --to must be dates in yyyy-MM-dd form.");
            return 2;
        }

        if (to < from)
        {
            await Console.Error.WriteLineAsync($"--to {to:yyyy-MM-dd} is before --from {from:yyyy-MM-dd}.");
            return 2;
        }

        var engine = services.GetRequiredService<QueueEngine>();
        if (output is null)
        {
            engine.ExportTickets(from, to, Console.Out);
            return 0;
        }

        await using var writer = new StreamWriter(output);
        var count = engine.ExportTickets(from, to, writer);
        await Console.Error.WriteLineAsync($"{count} tiket ditulis ke {output}");
        return 0;
    }

    /// <summary>Configuration and database failures end start-up with the key or file named; anything else is a real crash.</summary>
    private static int? Explain(Exception exception)
    {
        if (ConfigurationErrors.Describe(exception) is { } problems)
        {
            Console.Error.WriteLine("Konfigurasi tidak valid; kiosk tidak dijalankan. Perbaiki:");
            foreach (var problem in problems)
            {
                Console.Error.WriteLine($"  {problem}");
            }

            return ConfigurationErrors.ExitCode;
        }

        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is QueueDatabaseException database)
            {
                Console.Error.WriteLine($"Basis data antrean tidak dapat dibuka: {database.Message}");
                return 74;
            }
        }

        return null;
    }
}
