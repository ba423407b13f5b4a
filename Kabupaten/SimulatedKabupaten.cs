using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Kiosk.Broker;
using Kiosk.District.Hosting;
using Kiosk.District.Local;
using Kiosk.District.Storage;
using Kiosk.Simulator.District;
using Kiosk.Simulator.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using Kiosk.Kabupaten.Text;

namespace Kiosk.Kabupaten;

/// <summary>
/// A whole kabupaten on this machine, every part private to it and stopped by <see cref="DisposeAsync"/>: three NATS
/// nodes (JetStream, R3), a PostgreSQL in a temporary folder, the district service in this process, and the simulated
/// Puskesmas, each with its own Mosquitto, real kiosk and real district link. <c>./kiosk.sh district</c> and the
/// district tests start it the same way.
/// </summary>
public sealed class SimulatedKabupaten : IAsyncDisposable
{
    /// <summary>The Dinkes account <c>./kiosk.sh district</c> creates for the demonstration.</summary>
    public const string LoginUser = "dinkes";

    private const string DatabaseName = "district";
    private readonly List<SimulatedPuskesmas> sites = [];
    private readonly string folder;
    private readonly bool ownsFolder;

    private SimulatedKabupaten(string folder, bool ownsFolder)
    {
        this.folder = folder;
        this.ownsFolder = ownsFolder;
    }

    public PrivateNatsCluster? Nats { get; private set; }

    public PrivatePostgres? Postgres { get; private set; }

    /// <summary>The district database's connection string.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    public WebApplication? District { get; private set; }

    public string DashboardUrl { get; private set; } = string.Empty;

    public IReadOnlyList<SimulatedPuskesmas> Sites => sites;

    /// <summary>The parts in order; on any failure what started is stopped again and the failure thrown.</summary>
    public static async Task<SimulatedKabupaten> StartAsync(KabupatenOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var folder = options.Folder ?? Directory.CreateTempSubdirectory("kabupaten-").FullName;
        var kabupaten = new SimulatedKabupaten(folder, options.Folder is null);
        try
        {
            await kabupaten.StartPartsAsync(options, progress, cancellationToken);
            return kabupaten;
        }
        catch
        {
            await kabupaten.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Adds the demonstration's Dinkes account through the district's own <c>user add</c> command (the one a
    /// technician runs), so the account is made exactly as in the field. Returns its password, or null with the reason.
    /// </summary>
    public async Task<(string? Password, string? Failure)> CreateLoginAsync(CancellationToken cancellationToken)
    {
        var password = RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 14);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Kiosk.District.dll"), "user", "add", LoginUser, "--nama", KabupatenTeks.DemoOfficerName })
        {
            start.ArgumentList.Add(argument);
        }

                start.Environment["District__Postgres"] = ConnectionString;
        start.Environment["DINKES_PASSWORD"] = password;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        var detail = ((await error).Trim() is { Length: > 0 } e ? e : (await output).Trim()).ReplaceLineEndings(" ");
        if (detail.Length == 0)
        {
            detail = "-";
        }

        return process.ExitCode == 0 ? (password, null) : (null, KabupatenTeks.LoginFailed(process.ExitCode, detail));
    }

    public async ValueTask DisposeAsync()
    {
        // The sites first (their kiosks and links), then what they talk to.
        foreach (var site in sites)
        {
            await site.DisposeAsync();
        }

        sites.Clear();
        if (District is { } district)
        {
            await district.StopAsync(CancellationToken.None);
            await district.DisposeAsync();
            District = null;
        }

        if (Postgres is { } postgres)
        {
            await postgres.DisposeAsync();
            Postgres = null;
        }

        if (Nats is { } nats)
        {
            await nats.DisposeAsync();
            Nats = null;
        }

        if (ownsFolder && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task StartPartsAsync(KabupatenOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        Nats = await PrivateNatsCluster.StartAsync(
            new PrivateNatsClusterOptions { Nodes = 3, Tls = options.Tls, Sites = [.. options.Sites.Select(s => s.Id)] }, cancellationToken);
        await progress.WriteLineAsync(KabupatenTeks.NatsReady(Nats.ClientUrls.Count, options.Tls));

        Postgres = await PrivatePostgres.StartAsync(cancellationToken);
        ConnectionString = await Postgres.CreateDatabaseAsync(DatabaseName, cancellationToken);
        await using (var database = NpgsqlDataSource.Create(ConnectionString))
        {
            await DistrictMigrations.MigrateAsync(database, cancellationToken);
        }

        await progress.WriteLineAsync(KabupatenTeks.PostgresReady);

        var port = options.Port > 0 ? options.Port : LoopbackPorts.Take();
        var settings = Nats.DistrictServiceSettings(ConnectionString);
        District = DistrictHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await District.StartAsync(cancellationToken);
        DashboardUrl = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/dinkes");

        foreach (var plan in options.Sites)
        {
            var day = Scenario.Load(Scenario.Resolve(plan.Scenario));
            // The scenario's own date (empty: tomorrow, a fresh business day): a simulated clock only moves forward, so
            // a day that started hours ago in real time could not be played.
            day.Seed = plan.Seed;

            var credentials = Nats.SiteCredentials(plan.Id);
            var data = Path.Combine(folder, plan.Id);
            Directory.CreateDirectory(data);
            sites.Add(await SimulatedPuskesmas.StartAsync(new SimulatedPuskesmasOptions
            {
                Site = plan.Id,
                Name = plan.Name,
                Day = day,
                DataDirectory = data,
                District = new SiteLinkSettings(Nats.ClientUrls, credentials.User, credentials.Password, Nats.CaFile),
                Progress = progress,
            }, cancellationToken));
        }
    }
}
