using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Kiosk.Broker;
using Kiosk.Contract.District;
using Kiosk.District.Local;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Npgsql;

namespace Kiosk.District.Bench;

/// <summary>
/// The district service as installed runs it: the built Kiosk.District program as its own process, configured through
/// its environment (as district.env and the unit give it: production, workstation GC, ASPNETCORE_URLS) against the
/// bench's cluster and a private PostgreSQL of its own. Its VmRSS/VmHWM after start and after the replay of the day as
/// many sites, next to a bare Generic Host worker (bench/BareWorker) started and read the same way; and the latency
/// from a probe site's event to the Dinkes dashboard's SSE, quiet and under the replay.
/// </summary>
internal static class SeparateService
{
    private const string Prefix = "proses";
    private const string DinkesUser = "bangku";

    /// <summary>The sites this step publishes as (the cluster gives each its user).</summary>
    public static IReadOnlyList<string> Sites(int count) => [.. Replay.SiteIds(Prefix, count), SseLatency.ProbeSite];

    public static async Task<SeparateFigures> RunAsync(PrivateNatsCluster nats, RecordedDay day, int siteCount, bool smoke, TimeSpan ingestBound)
    {
        var common = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["DOTNET_gcServer"] = "0",
            ["Logging__LogLevel__Default"] = "Warning",
        };

        // The baseline first, on the same machine state: started until READY=1, read at once (as the service below).
        (double Rss, double Peak) bare;
        await using (var worker = await ServiceProcess.StartAsync(ServiceProcess.Built("bench/BareWorker", "Kiosk.BareWorker.dll"), [], common, ready: null))
        {
            bare = worker.Memory();
        }

        await using var postgres = await PrivatePostgres.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("district_process");
        var address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{LoopbackPorts.Take()}"));
        var environment = new Dictionary<string, string?>(common, StringComparer.Ordinal) { ["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/') };
        foreach (var (key, value) in nats.DistrictServiceSettings(connectionString))
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var dll = ServiceProcess.Built("District", "Kiosk.District.dll");
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var (code, errors) = await ServiceProcess.RunToEndAsync(dll, ["user", "add", DinkesUser, "--nama", "Bangku Uji"],
            new Dictionary<string, string?>(environment, StringComparer.Ordinal) { ["DINKES_PASSWORD"] = password });
        BenchRun.Require(code == 0, $"user add exited with {code}: {errors}");

        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        await using var service = await ServiceProcess.StartAsync(dll, [], environment, async cancellationToken =>
        {
            try
            {
                using var answer = await probe.GetAsync(new Uri("/dinkes/masuk", UriKind.Relative), cancellationToken);
                return answer.IsSuccessStatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        });
        var started = service.Memory();

        var sites = Replay.SiteIds(Prefix, siteCount);
        var expected = (long)sites.Count * day.Events.Count;
        LatencyFigures quiet;
        LatencyFigures loaded;
        double seconds;
        await using (var database = NpgsqlDataSource.Create(connectionString))
        await using (var sse = await SseLatency.StartAsync(nats, address, DinkesUser, password, day))
        {
            quiet = await sse.ProbeAsync(smoke ? 20 : 300, () => true);

            var replaying = Replay.RunAsync(nats, day, sites, CancellationToken.None);
            var clock = Stopwatch.StartNew();
            var ingested = Task.Run(async () =>
            {
                long rows;
                while ((rows = await RowsAsync(database)) < expected)
                {
                    if (replaying.IsFaulted)
                    {
                        await replaying;
                    }

                    BenchRun.Require(clock.Elapsed < ingestBound, $"{Prefix}: {rows} of {expected} rows in PostgreSQL after {ingestBound.TotalMinutes:0} minutes (service process: {service.ErrorTail()})");
                    _ = service.Memory(); // fails the bench at once when the service process died
                    await Task.Delay(TimeSpan.FromMilliseconds(200));
                }

                BenchRun.Require(rows == expected, $"{Prefix}: {rows} rows for {expected} events (an event stored twice)");
                return clock.Elapsed.TotalSeconds;
            });
            loaded = await sse.ProbeAsync(int.MaxValue, () => !ingested.IsCompleted);
            seconds = await ingested;
            await replaying;
        }

        var after = service.Memory();

        // The end-to-end runs that follow start on an empty stream, as before this step.
        await using (var admin = nats.Connect(nats.AdminCredentials, "bench-admin"))
        {
            await new NatsJSContext(admin).PurgeStreamAsync(DistrictSubjects.StreamName, new StreamPurgeRequest());
        }

        return new SeparateFigures(bare, started, after, expected, seconds, quiet, loaded);
    }

    private static async Task<long> RowsAsync(NpgsqlDataSource database)
    {
        try
        {
            await using var command = database.CreateCommand("SELECT count(*) FROM events WHERE site LIKE $1 || '-%'");
            command.Parameters.AddWithValue(Prefix);
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }
}

/// <summary>
/// The separate service's figures: memory in MiB (VmRSS, VmHWM) of the bare worker and of the service after start and
/// after the replay; the replay's events and seconds until all were rows; the SSE latencies quiet and under the replay.
/// </summary>
internal sealed record SeparateFigures(
    (double Rss, double Peak) Bare,
    (double Rss, double Peak) Started,
    (double Rss, double Peak) AfterReplay,
    long Events,
    double Seconds,
    LatencyFigures Quiet,
    LatencyFigures Loaded);
