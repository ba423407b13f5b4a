using System.CommandLine;
using System.Globalization;
using Kiosk.Device.Configuration;
using Kiosk.Device.Hosting;
using Kiosk.Device.Text;
using Kiosk.Queue;
using Kiosk.Queue.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kiosk.Device.Tools;

/// <summary>
/// <c>run</c> (the service), and the technician's tools on the same executable and configuration:
/// <c>doctor</c>, <c>print-test</c>, <c>recap --date [--print]</c>, <c>export --from --to</c>. Every one of them goes
/// through the same configuration check and the same error path (<see cref="ConfigurationErrors"/>).
/// </summary>
public static class KioskCommandLine
{
    public static async Task<int> InvokeAsync(string[] args)
    {
        var config = new Option<string?>("--config") { Description = Teks.ConfigHelp, Recursive = true };
        var root = new RootCommand(Teks.RootHelp);
        root.Options.Add(config);

        var run = new Command("run", Teks.RunHelp);
        run.TreatUnmatchedTokensAsErrors = false;
        run.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(config), [.. parse.UnmatchedTokens]));
        root.Subcommands.Add(run);

        var doctor = new Command("doctor", Teks.DoctorHelp);
        doctor.TreatUnmatchedTokensAsErrors = false;
        doctor.SetAction((parse, cancellationToken) => WithHostAsync(parse, config, services => Doctor.RunAsync(services, Console.Out, cancellationToken)));
        root.Subcommands.Add(doctor);

        var printTest = new Command("print-test", Teks.PrintTestHelp);
        printTest.TreatUnmatchedTokensAsErrors = false;
        printTest.SetAction((parse, cancellationToken) => WithHostAsync(parse, config, services => PrintTest.RunAsync(services, Console.Out, cancellationToken)));
        root.Subcommands.Add(printTest);

        var date = new Option<string>("--date") { Description = Teks.DateHelp, Required = true };
        var print = new Option<bool>("--print") { Description = Teks.RecapPrintHelp };
        var recap = new Command("recap", Teks.RecapHelp) { date, print };
        recap.TreatUnmatchedTokensAsErrors = false;
        recap.SetAction((parse, cancellationToken) => WithHostAsync(parse, config,
            services => RecapCommand.RunAsync(services, parse.GetValue(date)!, parse.GetValue(print), Console.Out, cancellationToken)));
        root.Subcommands.Add(recap);

        var from = new Option<string>("--from") { Description = Teks.FromHelp, Required = true };
        var to = new Option<string>("--to") { Description = Teks.ToHelp, Required = true };
        var output = new Option<string?>("--output") { Description = Teks.OutputHelp };
        var export = new Command("export", Teks.ExportHelp) { from, to, output };
        export.TreatUnmatchedTokensAsErrors = false;
        export.SetAction((parse, cancellationToken) => WithHostAsync(parse, config, services => ExportAsync(services, parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(output))));
        root.Subcommands.Add(export);

        CommandLineText.Localize(root);
        return await CommandLineText.InvokeAsync(root, args, Console.Error);
    }

    private static async Task<int> RunAsync(string? configFile, string[] hostArgs)
    {
        IHost? host = null;
        try
        {
            host = KioskHost.CreateBuilder(hostArgs, configFile).Build();
            KioskHost.ValidateConfiguration(host.Services);

            // Only the service needs the hardware; the tools run on a desk PC with the Pi's configuration too.
            Devices.DeviceRegistration.CheckHardware(host.Services.GetRequiredService<IOptions<KioskOptions>>().Value);
            await host.RunAsync();
            return 0;
        }
        catch (Exception ex) when (Explain(ex, host, hostArgs) is { } code)
        {
            return code;
        }
        finally
        {
            host?.Dispose();
        }
    }

    /// <summary>Tools take the same configuration as the service, including --Section:Key=value overrides, and check it first.</summary>
    private static async Task<int> WithHostAsync(ParseResult parse, Option<string?> config, Func<IServiceProvider, Task<int>> tool)
    {
        string[] hostArgs = [.. parse.UnmatchedTokens];
        IHost? host = null;
        try
        {
            host = KioskHost.CreateBuilder(hostArgs, parse.GetValue(config)).Build();
            KioskHost.ValidateConfiguration(host.Services);
            return await tool(host.Services);
        }
        catch (Exception ex) when (Explain(ex, host, hostArgs) is { } code)
        {
            return code;
        }
        finally
        {
            host?.Dispose();
        }
    }

    private static async Task<int> ExportAsync(IServiceProvider services, string fromText, string toText, string? output)
    {
        if (!DateOnly.TryParseExact(fromText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from) ||
            !DateOnly.TryParseExact(toText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
        {
            await Console.Error.WriteLineAsync(Teks.ExportDatesInvalid);
            return 2;
        }

        if (to < from)
        {
            await Console.Error.WriteLineAsync(Teks.ExportRangeReversed(from, to));
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
        await Console.Error.WriteLineAsync(Teks.Exported(count, output));
        return 0;
    }

    /// <summary>Configuration and database failures end the command with the key or file named; anything else is a real crash.</summary>
    private static int? Explain(Exception exception, IHost? host, string[] args)
    {
        var configuration = host?.Services.GetService<IConfiguration>();
        if (ConfigurationErrors.Report(exception, configuration, host?.Services.GetService<ILoggerFactory>(), Console.Error, args) is { } code)
        {
            return code;
        }

        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is QueueDatabaseException database)
            {
                Console.Error.WriteLine(Teks.DatabaseUnusable(database.Message));
                return 74;
            }
        }

        return null;
    }
}
